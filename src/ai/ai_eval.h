/*
 * Evaluation helpers shared by `parley ai train` (threshold choice) and
 * `parley ai eval` (figures). Internal to src/ai/.
 */
#ifndef PARLEY_AI_EVAL_H
#define PARLEY_AI_EVAL_H

#include "ai/ai_internal.h"

void ai_predict_all(const struct ai_model *m, const struct ai_dataset *d,
                    const char ***pred, double **conf);
double ai_pick_threshold(const struct ai_dataset *d, const char **pred,
                         const double *conf, const char *none_label,
                         bool balanced);
int ai_score_set(const struct ai_model *m, const struct ai_dataset *d,
                 const char **pred, const double *conf, const char *lang,
                 double *acc, double *f1);

#endif
