# Independent cross-check of HypothesisTests.fisherExact against R's fisher.test
# (p-value, conditional MLE odds ratio, exact conditional CI).
# Usage: Rscript stats_fisher.R <fixture-dir>   (writes fisher_r.json)
# Note: fisher.test finds the MLE and CI with uniroot(tol = .Machine$double.eps^0.25),
# so its estimate and CI are only accurate to ~1e-4 relative; the p-value is exact.
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) >= 1) args[1] else "."
tables <- list(c(3,1,1,3), c(8,2,1,5), c(0,5,6,2), c(10,0,3,7), c(20,15,10,30), c(2,7,8,2),
               c(1,1,1,1), c(50,40,30,80), c(3,0,0,3), c(100,90,95,120), c(12,5,7,15))
num <- function(v) if (is.finite(v)) sprintf("%.17g", v) else if (is.na(v)) "\"nan\"" else if (v > 0) "\"inf\"" else "\"-inf\""
cases <- character(0)
for (t in tables) {
  m <- matrix(c(t[1], t[3], t[2], t[4]), 2)   # rows (a, b), (c, d)
  f <- fisher.test(m)
  cases <- c(cases, sprintf("{\"table\": [[%d, %d], [%d, %d]], \"pvalue\": %s, \"estimate\": %s, \"lo\": %s, \"hi\": %s}",
                            t[1], t[2], t[3], t[4], num(f$p.value), num(unname(f$estimate)),
                            num(f$conf.int[1]), num(f$conf.int[2])))
}
json <- sprintf("{\"generator\": \"scripts/reference/stats_fisher.R\", \"R\": \"%s\", \"cases\": [\n%s\n]}\n",
                R.version.string, paste(cases, collapse = ",\n"))
writeLines(json, file.path(out, "fisher_r.json"), sep = "")
cat("  wrote", file.path(out, "fisher_r.json"), "\n")
