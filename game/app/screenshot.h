/* Saving what the renderer has drawn: PNG when the path ends in .png, BMP otherwise.
 * Call before SDL_RenderPresent (after it the back buffer is undefined). */
#ifndef EBB_SCREENSHOT_H
#define EBB_SCREENSHOT_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

bool ebb_screenshot_save(SDL_Renderer *r, const char *path, char *err, size_t err_size);

#endif
