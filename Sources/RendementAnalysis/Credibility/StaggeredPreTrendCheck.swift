/// The not-yet-treated comparison's pre-trend test as a third check on the
/// matched design (`Credibility`): when `analyze` runs both designs, every
/// effects row whose scope, age band and source the second comparison also
/// estimated -- with enough clients and comparison clients to publish it --
/// is judged again with that comparison's pre-trend p-value.
enum StaggeredPreTrendCheck {
    /// The rows judged again; rows the second comparison has no usable estimate for keep their judgement.
    static func apply(to effects: [EffectRow], staggered: StaggeredResults, level: Double) -> [EffectRow] {
        var pValues: [Key: Double] = [:]
        for row in staggered.rows where !row.suppressed {
            guard let p = row.preTrend?.pValue, p.isFinite else { continue }
            pValues[Key(scope: row.scope, ageBand: row.ageBand, source: row.source)] = p
        }
        return effects.map { row in
            guard let p = pValues[Key(scope: row.scope, ageBand: row.ageBand, source: row.source)] else { return row }
            var judged = row
            judged.credibility = .judge(preTrend: row.preTrend, placebo: row.placebo, staggeredPreTrendP: p, level: level)
            return judged
        }
    }

    private struct Key: Hashable {
        var scope: Scope
        var ageBand: String
        var source: OutcomeSource
    }
}
