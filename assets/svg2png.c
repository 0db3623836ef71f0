/* Build-time tool: renders the icon SVG to a square PNG of a given size with SDL_image's
 * vector loader (nanosvg inside SDL_image 2.6), so the PNG sizes of the icon are always made
 * from the one drawing.   svg2png IN.svg OUT.png SIZE */
#include <SDL.h>
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: svg2png IN.svg OUT.png SIZE\n");
        return 2;
    }
    char *end = NULL;
    long size = strtol(argv[3], &end, 10);
    if (*end != '\0' || size < 1 || size > 4096) {
        fprintf(stderr, "svg2png: size must be 1..4096, not '%s'\n", argv[3]);
        return 2;
    }
    SDL_RWops *rw = SDL_RWFromFile(argv[1], "rb");
    if (!rw) {
        fprintf(stderr, "svg2png: %s: %s\n", argv[1], SDL_GetError());
        return 1;
    }
    SDL_Surface *s = IMG_LoadSizedSVG_RW(rw, (int)size, (int)size);
    SDL_RWclose(rw);
    if (!s) {
        fprintf(stderr, "svg2png: %s: %s\n", argv[1], IMG_GetError());
        return 1;
    }
    int rc = 0;
    if (s->w != size || s->h != size) {
        fprintf(stderr, "svg2png: %s came out %dx%d, not %ldx%ld (is it square?)\n", argv[1],
                s->w, s->h, size, size);
        rc = 1;
    } else if (IMG_SavePNG(s, argv[2]) != 0) {
        fprintf(stderr, "svg2png: %s: %s\n", argv[2], IMG_GetError());
        rc = 1;
    }
    SDL_FreeSurface(s);
    IMG_Quit();
    SDL_Quit();
    return rc;
}
