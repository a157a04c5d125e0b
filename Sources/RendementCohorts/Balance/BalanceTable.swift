import RendementCore
import RendementStats

/// Computes the balance of every matching covariate before matching (all
/// clients against all candidate person-dates) and after (matched clients
/// against their controls, each control weighted 1/k within its set, summed
/// when a control is reused), overall and per Veiligheidshuis.
public enum BalanceTable {
    public static func rows(clients: [CohortMember], candidates: [CohortMember], sets: [MatchResult.MatchedSet],
                            clientScope: [String]? = nil) -> [BalanceRow] {
        // Candidate values as frequency tables, built once for every scope's "before" stage.
        let candidateValues = candidates.map(\.covariates.values)
        let tables: [[Double: Int]] = MatchingCovariates.names.indices.map { j in
            var t: [Double: Int] = [:]
            for v in candidateValues { t[v[j], default: 0] += 1 }
            return t
        }
        var out = rows(scopeType: "all", scope: "all", clients: clients, candidates: candidates, sets: sets, tables: tables)
        if let clientScope {
            for name in Set(clientScope).sorted() {
                let keep = clients.indices.filter { clientScope[$0] == name }
                let position = Dictionary(uniqueKeysWithValues: keep.enumerated().map { ($1, $0) })
                let subSets = sets.compactMap { s in position[s.client].map { MatchResult.MatchedSet(client: $0, controls: s.controls, distances: s.distances) } }
                out += rows(scopeType: "veiligheidshuis", scope: name, clients: keep.map { clients[$0] }, candidates: candidates,
                            sets: subSets, tables: tables)
            }
        }
        return out
    }

    /// The largest |SMD| after matching over the covariates, all clients
    /// (the after stage of `rows`, without the before stage); nil when it
    /// cannot be computed (fewer than two matched clients or controls). A
    /// covariate without spread among the clients (SMD not finite) cannot be
    /// judged on this scale and is passed over, as in `rows`.
    public static func largestSMDAfter(clients: [CohortMember], candidates: [CohortMember], sets: [MatchResult.MatchedSet]) -> Double? {
        let (treated, weights, values) = afterSample(clients: clients, candidates: candidates, sets: sets)
        var largest = 0.0
        for j in MatchingCovariates.names.indices {
            do {
                let b = try CovariateBalance(values: values.map { $0[j] }, treated: treated, weights: weights)
                if b.standardizedMeanDifference.isFinite { largest = max(largest, abs(b.standardizedMeanDifference)) }
            } catch {
                return nil
            }
        }
        return largest
    }

    /// The weighted sample of the after stage: every client (weight 1 when
    /// matched, 0 otherwise) and every control used, weighted 1/k within its set.
    static func afterSample(clients: [CohortMember], candidates: [CohortMember], sets: [MatchResult.MatchedSet])
        -> (treated: [Bool], weights: [Double], values: [[Double]]) {
        var clientWeight = [Double](repeating: 0, count: clients.count)
        var controlWeight: [Int: Double] = [:]
        for s in sets {
            clientWeight[s.client] = 1
            for c in s.controls { controlWeight[c, default: 0] += 1 / Double(s.controls.count) }
        }
        let used = controlWeight.keys.sorted()
        let treated = [Bool](repeating: true, count: clients.count) + [Bool](repeating: false, count: used.count)
        let values = clients.map(\.covariates.values) + used.map { candidates[$0].covariates.values }
        return (treated, clientWeight + used.map { controlWeight[$0]! }, values)
    }

    /// Before: the scope's clients against all candidates (unweighted). After:
    /// the scope's clients (unmatched ones weight 0, so the SMD denominator is
    /// still the SD of all clients, as cobalt does) against the controls used,
    /// each weighted 1/k within its set.
    static func rows(scopeType: String, scope: String, clients: [CohortMember], candidates: [CohortMember],
                     sets: [MatchResult.MatchedSet], tables: [[Double: Int]]) -> [BalanceRow] {
        var clientWeight = [Double](repeating: 0, count: clients.count)
        var controlWeight: [Int: Double] = [:]
        for s in sets {
            clientWeight[s.client] = 1
            for c in s.controls { controlWeight[c, default: 0] += 1 / Double(s.controls.count) }
        }
        let used = controlWeight.keys.sorted()
        let treated = [Bool](repeating: true, count: clients.count) + [Bool](repeating: false, count: used.count)
        let weights = clientWeight + used.map { controlWeight[$0]! }
        let clientValues = clients.map(\.covariates.values), usedValues = used.map { candidates[$0].covariates.values }
        var rows: [BalanceRow] = []
        for (j, name) in MatchingCovariates.names.enumerated() {
            let xc = clientValues.map { $0[j] }
            var row = BalanceRow(scopeType: scopeType, scope: scope, covariate: name, clientsBefore: clients.count,
                                 controlsBefore: candidates.count, clientsAfter: sets.count, controlsAfter: used.count)
            (row.before, row.beforeReason) = stage { () throws(StatsError) in try CovariateBalance(treated: xc, controlCounts: tables[j]) }
            (row.after, row.afterReason) = stage { () throws(StatsError) in
                try CovariateBalance(values: xc + usedValues.map { $0[j] }, treated: treated, weights: weights)
            }
            rows.append(row)
        }
        return rows
    }

    /// The figures of one stage, or the reason they are missing (too few units; or the
    /// library refusing the covariate values, a defect: they are finite by construction).
    private static func stage(_ compute: () throws(StatsError) -> CovariateBalance) -> (BalanceRow.Stage?, String?) {
        let b: CovariateBalance
        do { b = try compute() } catch { return (nil, "invalid_input") }
        if let reason = b.degeneracy { return (nil, reason.rawValue) }
        return (BalanceRow.Stage(clientsMean: b.treatedMean, controlsMean: b.controlMean, smd: b.standardizedMeanDifference,
                                 varianceRatio: b.isBinary ? .nan : b.varianceRatio, ecdfMax: b.ecdfMax), nil)
    }

    /// `unmatched.csv`: clients without a matched set per Veiligheidshuis and
    /// reason (counts below `minimumCell` left empty).
    public static func unmatchedCSV(_ byHouse: [String: [UnmatchedReason: Int]], minimumCell: Int) -> String {
        var t = TidyCSV(columns: ["veiligheidshuis", "reason", "n_clients"])
        for house in byHouse.keys.sorted() {
            for (reason, n) in byHouse[house]!.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                t.append([.text(house), .text(reason.rawValue), n < minimumCell ? .missing : .int(n)])
            }
        }
        return t.text
    }

    /// `balance.csv`; scopes with fewer than `minimumCell` matched clients are suppressed.
    public static func csv(_ rows: [BalanceRow], minimumCell: Int) -> String {
        var t = TidyCSV(columns: ["scope_type", "scope", "covariate", "n_clients_before", "n_candidates_before",
                                  "n_clients_after", "n_controls_after",
                                  "clients_mean_before", "controls_mean_before", "smd_before", "variance_ratio_before", "ecdf_max_before",
                                  "clients_mean_after", "controls_mean_after", "smd_after", "variance_ratio_after", "ecdf_max_after",
                                  "flag_smd", "flag_variance_ratio", "suppressed", "reason_before", "reason_after"])
        for r in rows {
            let suppressed = r.clientsAfter < minimumCell || r.clientsBefore < minimumCell
            let n = { (k: Int) -> TidyCSV.Cell in k > 0 && k < minimumCell ? .missing : .int(k) }
            func stage(_ s: BalanceRow.Stage?) -> [TidyCSV.Cell] {
                guard let s, !suppressed else { return Array(repeating: .missing, count: 5) }
                return [.number(s.clientsMean), .number(s.controlsMean), .number(s.smd), .optional(s.varianceRatio), .number(s.ecdfMax)]
            }
            t.append([.text(r.scopeType), .text(r.scope), .text(r.covariate), n(r.clientsBefore), n(r.controlsBefore),
                      n(r.clientsAfter), n(r.controlsAfter)] + stage(r.before) + stage(r.after)
                     + [suppressed ? .missing : .flag(r.smdFlag), suppressed ? .missing : .flag(r.varianceRatioFlag), .flag(suppressed)]
                     + [.text(suppressed ? "suppressed" : r.beforeReason ?? ""), .text(suppressed ? "suppressed" : r.afterReason ?? "")])
        }
        return t.text
    }
}
