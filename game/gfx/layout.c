#include "gfx/layout.h"

static float clampf(float v, float lo, float hi)
{
    return v < lo ? lo : (v > hi ? hi : v);
}

bool ebb_frect_contains(ebb_frect r, float x, float y)
{
    return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
}

void ebb_layout_play(ebb_play_layout *l, int w, int h)
{
    ebb_layout_play_scaled(l, w, h, 1.0f);
}

void ebb_layout_play_scaled(ebb_play_layout *l, int w, int h, float text_scale)
{
    float ts = clampf(text_scale, 0.5f, 2.0f);
    float fw = (float)(w > 1 ? w : 1), fh = (float)(h > 1 ? h : 1);
    l->w = fw;
    l->h = fh;
    l->track_top = fh * 0.25f;
    l->track_bottom = fh * 0.80f;
    l->track_left = 0.0f;
    l->track_right = fw;
    l->char_x = fw * 0.25f;
    l->char_r = fh * 0.052f;
    l->ahead_s = EBB_LAYOUT_AHEAD_S;
    l->px_per_s = (l->track_right - l->char_x) / l->ahead_s;
    l->behind_s = (l->char_x - l->track_left) / l->px_per_s;

    float cap_w = fw * 0.70f;
    l->caption = (ebb_frect){(fw - cap_w) * 0.5f, fh * 0.055f, cap_w, fh * 0.075f * ts};
    l->reps = (ebb_frect){l->caption.x, fh * 0.135f + fh * 0.075f * (ts - 1.0f), cap_w,
                          fh * 0.045f * ts};
    float below_reps = l->reps.y + l->reps.h + fh * 0.01f;
    if (below_reps > l->track_top) {
        l->track_top = below_reps;
    }
    float ring = fh * 0.10f;
    l->countdown = (ebb_frect){fw - fw * 0.06f - ring, fh * 0.05f, ring, ring};
    float bar_w = fw * 0.84f;
    l->progress = (ebb_frect){(fw - bar_w) * 0.5f, fh * 0.925f, bar_w, fh * 0.012f};
    l->notice = (ebb_frect){l->progress.x, fh * 0.875f, bar_w, fh * 0.035f};
    l->marker_x = l->char_x - l->char_r * 2.6f;
}

float ebb_layout_effort_y(const ebb_play_layout *l, float effort)
{
    effort = clampf(effort, 0.0f, 1.0f);
    return l->track_bottom - effort * (l->track_bottom - l->track_top);
}

float ebb_layout_y_effort(const ebb_play_layout *l, float y)
{
    float span = l->track_bottom - l->track_top;
    if (span <= 0.0f) {
        return 0.0f;
    }
    return clampf((l->track_bottom - y) / span, 0.0f, 1.0f);
}

float ebb_layout_time_x(const ebb_play_layout *l, float dt_s)
{
    return l->char_x + dt_s * l->px_per_s;
}

float ebb_layout_character_r(const ebb_play_layout *l, ebb_level_kind kind, float effort)
{
    if (kind == EBB_LEVEL_BREATHING) {
        return l->char_r * (1.0f + 0.25f * clampf(effort, 0.0f, 1.0f));
    }
    return l->char_r;
}

/* ---- menu ---- */

void ebb_layout_menu(ebb_menu_layout *m, int w, int h)
{
    ebb_layout_menu_scaled(m, w, h, 1.0f);
}

void ebb_layout_menu_scaled(ebb_menu_layout *m, int w, int h, float text_scale)
{
    float ts = clampf(text_scale, 0.5f, 2.0f);
    float fw = (float)(w > 1 ? w : 1), fh = (float)(h > 1 ? h : 1);
    float col_w = clampf(fw * 0.84f, 200.0f, 980.0f);
    float x = (fw - col_w) * 0.5f;
    m->title = (ebb_frect){x, fh * 0.06f, col_w, fh * 0.10f};
    m->subtitle = (ebb_frect){x, fh * 0.16f, col_w, fh * 0.045f};
    m->list = (ebb_frect){x, fh * 0.245f, col_w, fh * 0.60f};
    m->hint = (ebb_frect){x, fh * 0.875f, col_w, fh * 0.035f};
    m->footer = (ebb_frect){x, fh * 0.925f, col_w, fh * 0.035f};
    m->card_h = clampf(fh * 0.105f, 48.0f, 120.0f) * ts;
    m->header_h = clampf(fh * 0.06f, 26.0f, 64.0f) * ts;
    m->gap = clampf(fh * 0.014f, 4.0f, 14.0f);
}

size_t ebb_layout_menu_rows(const ebb_menu_layout *m, const int *kinds, size_t count,
                            int selected, float *scroll, ebb_menu_row *rows, size_t max)
{
    size_t n = 0;
    float y = 0.0f;
    float sel_top = 0.0f, sel_bottom = 0.0f;
    int prev_kind = -1;
    for (size_t i = 0; i < count && n < max; i++) {
        float group_top = y;
        if (kinds[i] != prev_kind) {
            if (i > 0) {
                y += m->gap * 1.5f;
                group_top = y;
            }
            rows[n].header = true;
            rows[n].kind = kinds[i];
            rows[n].entry = -1;
            rows[n].rect = (ebb_frect){m->list.x, y, m->list.w, m->header_h};
            y += m->header_h;
            n++;
            prev_kind = kinds[i];
            if (n >= max) {
                break;
            }
        }
        rows[n].header = false;
        rows[n].kind = kinds[i];
        rows[n].entry = (int)i;
        rows[n].rect = (ebb_frect){m->list.x, y, m->list.w, m->card_h};
        if ((int)i == selected) {
            /* Keep the heading of the first card of a group in view with it. */
            sel_top = (n > 0 && rows[n - 1].header) ? group_top : y;
            sel_bottom = y + m->card_h;
        }
        y += m->card_h + m->gap;
        n++;
    }
    float content_h = y > 0.0f ? y - m->gap : 0.0f;
    float s = *scroll;
    if (selected >= 0) {
        if (sel_top < s) {
            s = sel_top;
        }
        if (sel_bottom > s + m->list.h) {
            s = sel_bottom - m->list.h;
        }
    }
    float max_scroll = content_h - m->list.h;
    s = clampf(s, 0.0f, max_scroll > 0.0f ? max_scroll : 0.0f);
    *scroll = s;
    for (size_t i = 0; i < n; i++) {
        rows[i].rect.y += m->list.y - s;
    }
    return n;
}

int ebb_layout_menu_hit(const ebb_menu_layout *m, const ebb_menu_row *rows, size_t n, float x,
                        float y)
{
    if (!ebb_frect_contains(m->list, x, y)) {
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        if (!rows[i].header && ebb_frect_contains(rows[i].rect, x, y)) {
            return rows[i].entry;
        }
    }
    return -1;
}

/* ---- pause ---- */

void ebb_layout_pause(ebb_pause_layout *p, int w, int h, int items)
{
    float fw = (float)(w > 1 ? w : 1), fh = (float)(h > 1 ? h : 1);
    if (items > 6) {
        items = 6;
    }
    if (items < 0) {
        items = 0;
    }
    p->items = items;
    float item_h = clampf(fh * 0.075f, 36.0f, 80.0f);
    float gap = item_h * 0.22f;
    float pad = item_h * 0.6f;
    float title_h = item_h * 1.2f;
    float pw = clampf(fw * 0.38f, 300.0f, 540.0f);
    float ph = pad * 2.0f + title_h + (float)items * item_h + (float)(items > 0 ? items - 1 : 0) * gap;
    p->panel = (ebb_frect){(fw - pw) * 0.5f, (fh - ph) * 0.5f, pw, ph};
    p->title = (ebb_frect){p->panel.x + pad, p->panel.y + pad * 0.8f, pw - 2.0f * pad, title_h};
    float y = p->panel.y + pad + title_h;
    for (int i = 0; i < items; i++) {
        p->item[i] = (ebb_frect){p->panel.x + pad, y, pw - 2.0f * pad, item_h};
        y += item_h + gap;
    }
}

int ebb_layout_pause_hit(const ebb_pause_layout *p, float x, float y)
{
    for (int i = 0; i < p->items; i++) {
        if (ebb_frect_contains(p->item[i], x, y)) {
            return i;
        }
    }
    return -1;
}

/* ---- results ---- */

void ebb_layout_results(ebb_results_layout *r, int w, int h)
{
    float fw = (float)(w > 1 ? w : 1), fh = (float)(h > 1 ? h : 1);
    float col_w = clampf(fw * 0.8f, 200.0f, 1000.0f);
    float x = (fw - col_w) * 0.5f;
    r->title = (ebb_frect){x, fh * 0.08f, col_w, fh * 0.07f};
    r->score = (ebb_frect){x, fh * 0.18f, col_w, fh * 0.17f};
    r->star_r = fh * 0.045f;
    r->star_gap = r->star_r * 2.8f;
    r->stars = (ebb_frect){x, fh * 0.38f, col_w, r->star_r * 2.2f};
    r->lines = (ebb_frect){x + col_w * 0.05f, fh * 0.52f, col_w * 0.9f, fh * 0.30f};
    r->hint = (ebb_frect){x, fh * 0.90f, col_w, fh * 0.04f};
}

void ebb_layout_play_notice_panel(const ebb_play_layout *l, ebb_frect *panel)
{
    panel->w = l->w * 0.56f;
    panel->h = l->h * 0.22f;
    panel->x = (l->w - panel->w) * 0.5f;
    panel->y = (l->track_top + l->track_bottom) * 0.5f - panel->h * 0.5f;
}

void ebb_layout_play_hint_box(const ebb_play_layout *l, ebb_frect *box)
{
    box->w = l->w * 0.52f;
    box->h = l->h * 0.065f;
    box->x = (l->w - box->w) * 0.5f;
    box->y = l->reps.y + l->reps.h + l->h * 0.045f; /* below the row of reps */
}
