/* The calm soundscape (sound/reward.h) with the simulated people: a relaxed person (low, quiet
 * rest) and an overactive one (raised, unstable rest) play the same lengthening level; the
 * calm tracker follows each tick's pelvic-floor effort and the pure renderer makes the sound,
 * exactly as the audio thread would (48 kHz, one device buffer per tick).
 *
 *   test_reward LEVEL_FILE [OUT_PREFIX]
 * With OUT_PREFIX, the mixes are also written as OUT_PREFIX-relaxed.raw and
 * OUT_PREFIX-overactive.raw (S16LE mono 48 kHz) to listen to (sox -t raw -r 48000 -e signed
 * -b 16 -c 1 FILE out.wav).
 * Prints, per person, the reward layer's energy (chimes and birds, RMS of full scale), the
 * bed's (drone and flutter), and the quietest 100 ms of the whole mix. Fails unless the
 * reward layer is clearly louder for the relaxed person (>= 4 times the overactive one's
 * RMS), the bed is busier for the overactive one, and the mix never falls silent. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/level.h"
#include "core/sim.h"
#include "sound/reward.h"

#define RATE 48000
#define TICK_FRAMES (RATE * EBB_TICK_MS / 1000)

typedef struct figures {
    double reward_rms, bed_rms, quietest_rms, calm_share;
} figures;

static figures play(const ebb_level *lv, ebb_sim_profile profile, const char *out_path)
{
    FILE *out = out_path ? fopen(out_path, "wb") : NULL;
    ebb_sim sim;
    ebb_sim_init(&sim, profile, 20261124u + (uint32_t)profile); /* as the sim probe does */
    ebb_calm calm_state;
    ebb_calm_init(&calm_state, NULL);
    ebb_reward r;
    ebb_reward_init(&r, RATE, 0xca1fu, NULL);
    static float bed[TICK_FRAMES], rw[TICK_FRAMES];
    double e_rw = 0.0, e_bed = 0.0, win = 0.0, quietest = 1e9;
    size_t n = 0, win_n = 0, calm_ticks = 0, ticks = 0;
    for (uint32_t ms = 0; ms < lv->total_ms; ms += EBB_TICK_MS) {
        ebb_frame f = ebb_sim_tick(&sim, lv, ms);
        ebb_step_kind k = lv->steps[ebb_level_step_at(lv, ms)].kind;
        bool resting = k != EBB_STEP_SQUEEZE && k != EBB_STEP_FLICK && k != EBB_STEP_RAMP;
        float calm = 0.0f, busy = 0.0f;
        ebb_calm_update(&calm_state, f.effort[EBB_CH_PF], resting, EBB_TICK_MS / 1000.0f, &calm,
                        &busy);
        calm_ticks += calm > 0.5f;
        ticks++;
        ebb_reward_render(&r, calm, busy, bed, rw, TICK_FRAMES);
        for (size_t i = 0; i < TICK_FRAMES; i++) {
            e_rw += (double)rw[i] * rw[i];
            e_bed += (double)bed[i] * bed[i];
            double m = (double)bed[i] + rw[i];
            if (out) {
                int16_t v = (int16_t)lrint(m * 32767.0);
                fwrite(&v, sizeof v, 1, out);
            }
            win += m * m;
            if (++win_n == RATE / 10) {
                double rms = sqrt(win / (double)win_n);
                quietest = rms < quietest ? rms : quietest;
                win = 0.0;
                win_n = 0;
            }
        }
        n += TICK_FRAMES;
    }
    if (out) {
        fclose(out);
    }
    figures fg = {sqrt(e_rw / (double)n), sqrt(e_bed / (double)n), quietest,
                  (double)calm_ticks / (double)ticks};
    return fg;
}

int main(int argc, char **argv)
{
    if (argc != 2 && argc != 3) {
        fprintf(stderr, "usage: test_reward LEVEL_FILE [OUT_PREFIX]\n");
        return 2;
    }
    FILE *fp = fopen(argv[1], "rb");
    static char text[1 << 16];
    size_t len = fp ? fread(text, 1, sizeof text, fp) : 0;
    if (fp) {
        fclose(fp);
    }
    static ebb_diags d;
    ebb_diags_init(&d, argv[1]);
    ebb_level lv;
    if (!len || !ebb_level_parse(text, len, argv[1], &lv, &d)) {
        fprintf(stderr, "test_reward: cannot read the level %s\n", argv[1]);
        return 2;
    }
    char path_r[1024], path_o[1024];
    if (argc == 3) {
        snprintf(path_r, sizeof path_r, "%s-relaxed.raw", argv[2]);
        snprintf(path_o, sizeof path_o, "%s-overactive.raw", argv[2]);
    }
    figures relaxed = play(&lv, EBB_SIM_RELAXED, argc == 3 ? path_r : NULL);
    figures over = play(&lv, EBB_SIM_OVERACTIVE, argc == 3 ? path_o : NULL);
    ebb_level_free(&lv);
    printf("reward layer RMS: relaxed %.5f, overactive %.5f\n", relaxed.reward_rms,
           over.reward_rms);
    printf("bed RMS (drone and flutter): relaxed %.5f, overactive %.5f\n", relaxed.bed_rms,
           over.bed_rms);
    printf("calm (> 0.5) for %.0f %% of the level relaxed, %.0f %% overactive\n",
           100.0 * relaxed.calm_share, 100.0 * over.calm_share);
    printf("quietest 100 ms of the mix: relaxed %.5f, overactive %.5f\n", relaxed.quietest_rms,
           over.quietest_rms);
    int bad = 0;
    if (!(relaxed.reward_rms >= 4.0 * over.reward_rms && relaxed.reward_rms > 0.005)) {
        printf("FAIL: the reward layer does not set the relaxed person apart\n");
        bad = 1;
    }
    if (!(over.bed_rms > relaxed.bed_rms * 1.2)) {
        printf("FAIL: the bed is not busier for the overactive person\n");
        bad = 1;
    }
    if (relaxed.quietest_rms < 0.003 || over.quietest_rms < 0.003) {
        printf("FAIL: the soundscape fell silent\n");
        bad = 1;
    }
    if (!bad) {
        printf("ok: calm is rewarded in sound, tension is heard, and it never falls silent\n");
    }
    return bad;
}
