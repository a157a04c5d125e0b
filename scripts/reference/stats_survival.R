# Reference fixtures from R's survival package for the survival routines of
# RendementStats (Kaplan-Meier with log / log-log / plain intervals and median
# CIs, survdiff log-rank with strata, coxph with Efron ties and strata).
#
#   Rscript stats_survival.R <output-folder>
#
# Reads survival_cases.csv (written by stats_survival.py) and rossi.csv from the
# same folder; writes survival_r.json. Needs only base R + survival (no jsonlite).
suppressMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]

num <- function(v) {
  v <- as.numeric(v)
  paste0("[", paste(ifelse(is.finite(v), sprintf("%.17g", v), "null"), collapse = ","), "]")
}
obj <- function(...) {
  x <- list(...)
  parts <- mapply(function(k, v) paste0("\"", k, "\":", v), names(x), x)
  paste0("{", paste(parts, collapse = ","), "}")
}
str1 <- function(s) paste0("\"", s, "\"")

cases <- read.csv(file.path(out, "survival_cases.csv"), stringsAsFactors = FALSE)
rossi <- read.csv(file.path(out, "rossi.csv"))
entries <- character(0)

km_entry <- function(name, time, event) {
  parts <- list()
  for (ct in c("log", "log-log", "plain")) {
    f <- survfit(Surv(time, event) ~ 1, conf.type = ct, conf.int = 0.95)
    q <- quantile(f, probs = 0.5)
    qq <- quantile(f, probs = c(0.25, 0.75))
    parts[[ct]] <- obj(lower = num(f$lower), upper = num(f$upper),
                       median = num(q$quantile), median_lower = num(q$lower), median_upper = num(q$upper),
                       quartiles = num(qq$quantile), quartiles_lower = num(qq$lower), quartiles_upper = num(qq$upper))
  }
  f <- survfit(Surv(time, event) ~ 1)
  obj(name = str1(name), kind = str1("km"), time = num(f$time), n_risk = num(f$n.risk), n_event = num(f$n.event),
      n_censor = num(f$n.censor), surv = num(f$surv), std_err = num(f$std.err),
      log = parts[["log"]], loglog = parts[["log-log"]], plain = parts[["plain"]])
}

for (nm in unique(cases$case)) {
  d <- cases[cases$case == nm, ]
  entries <- c(entries, km_entry(nm, d$time, d$event))
}
entries <- c(entries, km_entry("rossi_fin0", rossi$week[rossi$fin == 0], rossi$arrest[rossi$fin == 0]))
entries <- c(entries, km_entry("rossi_fin1", rossi$week[rossi$fin == 1], rossi$arrest[rossi$fin == 1]))

lr_entry <- function(name, fit, strata) {
  ex <- if (is.matrix(fit$exp)) rowSums(fit$exp) else fit$exp
  obj(name = str1(name), kind = str1("logrank"), stratified = ifelse(strata, "true", "false"),
      observed = num(if (is.matrix(fit$obs)) rowSums(fit$obs) else fit$obs),
      expected = num(if (is.matrix(fit$exp)) rowSums(fit$exp) else fit$exp),
      variance = num(fit$var), chisq = num(fit$chisq),
      df = num(sum(ex > 0) - 1), p = num(pchisq(fit$chisq, sum(ex > 0) - 1, lower.tail = FALSE)))
}
for (nm in c("ties_two_groups", "three_groups_strata", "single_event", "reaches_zero", "median_plateau", "all_censored")) {
  d <- cases[cases$case == nm, ]
  if (length(unique(d$group)) < 2) next
  entries <- c(entries, lr_entry(nm, survdiff(Surv(time, event) ~ group, data = d), FALSE))
}
d <- cases[cases$case == "three_groups_strata", ]
entries <- c(entries, lr_entry("three_groups_strata_stratified",
                               survdiff(Surv(time, event) ~ group + strata(stratum), data = d), TRUE))
entries <- c(entries, lr_entry("rossi", survdiff(Surv(week, arrest) ~ fin, data = rossi), FALSE))

cox_entry <- function(name, fit, covs, strata) {
  s <- summary(fit)
  obj(name = str1(name), kind = str1("cox"), strata = if (is.null(strata)) "null" else str1(strata),
      covariates = paste0("[", paste(sprintf("\"%s\"", covs), collapse = ","), "]"),
      coef = num(coef(fit)), se = num(sqrt(diag(vcov(fit)))), z = num(s$coefficients[, "z"]),
      p = num(s$coefficients[, "Pr(>|z|)"]), hr_lower = num(s$conf.int[, "lower .95"]),
      hr_upper = num(s$conf.int[, "upper .95"]), loglik = num(fit$loglik),
      lr_chisq = num(s$logtest["test"]), lr_df = num(s$logtest["df"]), lr_p = num(s$logtest["pvalue"]),
      wald_chisq = num(fit$wald.test), wald_p = num(pchisq(fit$wald.test, length(coef(fit)), lower.tail = FALSE)),
      score_chisq = num(s$sctest["test"]), score_p = num(s$sctest["pvalue"]), iterations = num(fit$iter))
}
ctl <- coxph.control(eps = 1e-14, iter.max = 100, toler.chol = 1e-15)
entries <- c(entries, cox_entry("rossi", coxph(Surv(week, arrest) ~ fin + age + race + wexp + mar + paro + prio,
                                              data = rossi, ties = "efron", control = ctl),
                                c("fin", "age", "race", "wexp", "mar", "paro", "prio"), NULL))
d <- cases[cases$case == "ties_two_groups", ]
entries <- c(entries, cox_entry("ties_two_groups", coxph(Surv(time, event) ~ x1 + x2 + x3 + group, data = d,
                                                        ties = "efron", control = ctl), c("x1", "x2", "x3", "group"), NULL))
d <- cases[cases$case == "three_groups_strata", ]
entries <- c(entries, cox_entry("three_groups_strata", coxph(Surv(time, event) ~ x1 + x2 + x3 + strata(stratum), data = d,
                                                            ties = "efron", control = ctl), c("x1", "x2", "x3"), "stratum"))
entries <- c(entries, cox_entry("three_groups_strata_breslow", coxph(Surv(time, event) ~ x1 + x2 + x3 + strata(stratum), data = d,
                                                            ties = "breslow", control = ctl), c("x1", "x2", "x3"), "stratum"))

# Matched 1:k sets (survival_matched.csv): weighted Kaplan-Meier and weighted Cox
# models robust to the set (cluster), stratified by set, pooled and age-adjusted.
matched <- read.csv(file.path(out, "survival_matched.csv"), stringsAsFactors = FALSE)
for (nm in unique(matched$case)) {
  d <- matched[matched$case == nm, ]
  for (cl in c(1, 0)) {
    g <- d[d$client == cl, ]
    # robust = FALSE: Greenwood's variance over the weighted counts (R's default for
    # non-integer weights is the infinitesimal-jackknife variance).
    f <- survfit(Surv(time, event) ~ 1, data = g, weights = weight, conf.type = "log-log", robust = FALSE)
    entries <- c(entries, obj(name = str1(nm), kind = str1("km_weighted"), client = num(cl), time = num(f$time),
                              n_risk = num(f$n.risk), n_event = num(f$n.event), surv = num(f$surv), std_err = num(f$std.err),
                              lower = num(f$lower), upper = num(f$upper)))
  }
  wcox <- function(kind, formula, robust) {
    fit <- coxph(formula, data = d, weights = weight, ties = "efron", control = ctl, robust = robust)
    obj(name = str1(nm), kind = str1(kind), coef = num(coef(fit)), se = num(sqrt(diag(vcov(fit)))),
        naive_se = num(sqrt(diag(fit$naive.var %||% vcov(fit)))), loglik = num(fit$loglik))
  }
  `%||%` <- function(a, b) if (is.null(a)) b else a
  entries <- c(entries, wcox("cox_r_cluster", Surv(time, event) ~ client + cluster(set), TRUE))
  entries <- c(entries, wcox("cox_r_strata_cluster", Surv(time, event) ~ client + strata(set) + cluster(set), TRUE))
  entries <- c(entries, wcox("cox_r_cluster_age", Surv(time, event) ~ client + age + cluster(set), TRUE))
  entries <- c(entries, wcox("cox_r_pooled", Surv(time, event) ~ client, FALSE))
  fit <- coxph(Surv(time, event) ~ client + cluster(set), data = d, weights = weight, ties = "breslow", control = ctl)
  entries <- c(entries, obj(name = str1(nm), kind = str1("cox_r_cluster_breslow"), coef = num(coef(fit)),
                            se = num(sqrt(diag(vcov(fit)))), loglik = num(fit$loglik)))
}

writeLines(paste0("{\"versions\":", obj(R = str1(paste(R.version$major, R.version$minor, sep = ".")),
                                         survival = str1(as.character(packageVersion("survival")))),
                  ",\"cases\":[\n", paste(entries, collapse = ",\n"), "\n]}"), file.path(out, "survival_r.json"))
cat("wrote survival_r.json\n")
