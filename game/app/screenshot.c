#include "app/screenshot.h"

#include <SDL_image.h>
#include <stdio.h>
#include <string.h>

static bool ends_with_png(const char *path)
{
    size_t n = strlen(path);
    if (n < 4) {
        return false;
    }
    const char *ext = path + n - 4;
    return ext[0] == '.' && (ext[1] == 'p' || ext[1] == 'P') && (ext[2] == 'n' || ext[2] == 'N') &&
           (ext[3] == 'g' || ext[3] == 'G');
}

bool ebb_screenshot_save(SDL_Renderer *r, const char *path, char *err, size_t err_size)
{
    int w = 0, h = 0;
    if (SDL_GetRendererOutputSize(r, &w, &h) != 0 || w <= 0 || h <= 0) {
        snprintf(err, err_size, "cannot read the screen size: %s", SDL_GetError());
        return false;
    }
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 24, SDL_PIXELFORMAT_RGB24);
    if (!s) {
        snprintf(err, err_size, "out of memory for a %dx%d image", w, h);
        return false;
    }
    bool ok = false;
    if (SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_RGB24, s->pixels, s->pitch) != 0) {
        snprintf(err, err_size, "cannot read the pixels back: %s", SDL_GetError());
    } else if (ends_with_png(path)) {
        ok = IMG_SavePNG(s, path) == 0;
        if (!ok) {
            snprintf(err, err_size, "cannot write %s: %s", path, IMG_GetError());
        }
    } else {
        ok = SDL_SaveBMP(s, path) == 0;
        if (!ok) {
            snprintf(err, err_size, "cannot write %s: %s", path, SDL_GetError());
        }
    }
    SDL_FreeSurface(s);
    return ok;
}
