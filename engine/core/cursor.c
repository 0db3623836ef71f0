#include "core/cursor.h"

#include <stdio.h>
#include <string.h>

void ebb_cursor_init(ebb_cursor *c, const char *text, size_t len, unsigned first_line,
                     ebb_diags *diags)
{
    memset(c, 0, sizeof *c);
    ebb_lex_init(&c->lx, text, len, diags);
    ebb_lex_set_line(&c->lx, first_line);
    c->diags = diags;
}

void ebb_cursor_next(ebb_cursor *c)
{
    unsigned after = c->lx.col;
    ebb_lex_next(&c->lx, &c->tok);
    if (c->tok.kind == EBB_TOK_EOL || c->tok.kind == EBB_TOK_EOF) {
        c->tok.col = after;
    }
}

bool ebb_cursor_at_eol(const ebb_cursor *c)
{
    return c->tok.kind == EBB_TOK_EOL || c->tok.kind == EBB_TOK_EOF;
}

bool ebb_cursor_failed(const ebb_cursor *c)
{
    return c->tok.kind == EBB_TOK_ERROR;
}

void ebb_cursor_skip_line(ebb_cursor *c)
{
    ebb_lex_skip_line(&c->lx);
}

bool ebb_cursor_expect_eol(ebb_cursor *c, const char *after)
{
    ebb_cursor_next(c);
    if (ebb_cursor_at_eol(c)) {
        return true;
    }
    if (ebb_cursor_failed(c)) {
        return false;
    }
    char tb[48];
    ebb_diags_add(c->diags, EBB_SEV_ERROR, EBB_D_SYNTAX, c->tok.line, c->tok.col,
                  "unexpected '%s' after %s", ebb_tok_text(&c->tok, tb, sizeof tb), after);
    return false;
}

int ebb_cursor_find_word(const ebb_token *t, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (ebb_tok_is(t, names[i])) {
            return (int)i;
        }
    }
    return -1;
}

void ebb_cursor_unknown(ebb_cursor *c, ebb_diag_code code, const char *what,
                        const char *const *names, size_t n, const char *known)
{
    char tb[48];
    if (ebb_cursor_failed(c)) {
        return;
    }
    const ebb_token *t = &c->tok;
    const char *best = ebb_lex_suggest(t->text, t->len, names, n);
    ebb_tok_text(t, tb, sizeof tb);
    if (best != NULL) {
        ebb_diags_add(c->diags, EBB_SEV_ERROR, code, t->line, t->col,
                      "unknown %s '%s'; did you mean '%s'?", what, tb, best);
    } else {
        ebb_diags_add(c->diags, EBB_SEV_ERROR, code, t->line, t->col, "unknown %s '%s'; %s",
                      what, tb, known);
    }
}

bool ebb_cursor_take_string(ebb_cursor *c, const char *what, const char *example, char *dst,
                            size_t size)
{
    const ebb_token *t = &c->tok;
    if (ebb_cursor_failed(c)) {
        return false;
    }
    if (t->kind != EBB_TOK_STRING) {
        if (ebb_cursor_at_eol(c)) {
            ebb_diags_add(c->diags, EBB_SEV_ERROR, EBB_D_MISSING, t->line, t->col,
                          "'%s' needs a quoted string, e.g. %s", what, example);
        } else {
            ebb_diags_add(c->diags, EBB_SEV_ERROR, EBB_D_BAD_VALUE, t->line, t->col,
                          "'%s' must be a quoted string, e.g. %s", what, example);
        }
        return false;
    }
    snprintf(dst, size, "%s", t->str);
    return true;
}

bool ebb_cursor_take_raw(ebb_cursor *c, ebb_raw_word *w, const char *what, const char *need,
                         const char *example)
{
    ebb_token raw;
    ebb_lex_raw(&c->lx, &raw);
    w->at = raw.text;
    w->len = raw.len;
    w->line = raw.line;
    w->col = raw.col;
    ebb_lex_quote(raw.text, raw.len, w->text, sizeof w->text);
    if (w->len == 0) {
        ebb_diags_add(c->diags, EBB_SEV_ERROR, EBB_D_MISSING, w->line, w->col,
                      "'%s' needs %s, e.g. %s", what, need, example);
    }
    ebb_cursor_next(c);
    return w->len > 0;
}
