# R survival's coxph (weights, robust to / stratified by the set, age-adjusted)
# and survfit medians on the person table written by analysis_survival.py.
#   Rscript analysis_survival.R survival_matched_sets.csv OUT.json
suppressMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
num <- function(v) paste0("[", paste(ifelse(is.finite(v), sprintf("%.17g", v), "null"), collapse = ","), "]")
ctl <- coxph.control(eps = 1e-14, iter.max = 100, toler.chol = 1e-15)
fit <- function(f) coxph(f, data = d, weights = weight, ties = "efron", control = ctl)
part <- function(key, m) sprintf("\"%s\":{\"coef\":%s,\"se\":%s,\"p\":%s}", key, num(coef(m)[1]), num(sqrt(vcov(m)[1, 1])),
                                  num(summary(m)$coefficients[1, ncol(summary(m)$coefficients)]))
robust <- fit(Surv(time, event) ~ client + cluster(set))
strat <- fit(Surv(time, event) ~ client + strata(set) + cluster(set))
age <- fit(Surv(time, event) ~ client + age + cluster(set))
med <- function(cl) {
  s <- survfit(Surv(time, event) ~ 1, data = d[d$client == cl, ], weights = weight, conf.type = "log-log", robust = FALSE)
  q <- quantile(s, 0.5)
  num(c(q$quantile, q$lower, q$upper))
}
writeLines(paste0("{\"R\":\"", R.version$major, ".", R.version$minor, "\",\"survival\":\"", packageVersion("survival"), "\",",
                  part("hazard_ratio", robust), ",", part("hazard_ratio_stratified", strat), ",",
                  part("hazard_ratio_age_adjusted", age), ",\"median_clients\":", med(1), ",\"median_controls\":", med(0), "}"),
           args[2])
cat("wrote", args[2], "\n")
