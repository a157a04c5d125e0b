import Foundation

extension CovariateBalance {
    /// Unweighted balance of treated values against a large control group
    /// given as a frequency table (value -> number of units): exactly what
    /// `init(values:treated:)` gives on the expanded data, in time linear in
    /// the number of treated units and distinct values. Used for "before
    /// matching" balance against millions of candidate person-dates.
    ///
    /// ```swift
    /// let b = try CovariateBalance(treated: clientAges, controlCounts: [25: 1200, 26: 1130, 27: 990])
    /// ```
    /// - Parameters:
    ///   - xt: the treated units' values.
    ///   - controlCounts: control value -> number of control units with it.
    ///   - denominator: which SD standardises the mean difference.
    ///   - binary: how 0/1 covariates are summarised.
    /// - Returns: the balance; `degeneracy == .tooFewObservations` when a group has fewer than two units.
    /// - Throws: `StatsError.invalidValue` for a negative count or a non-finite value.
    public init(treated xt: [Double], controlCounts: [Double: Int], denominator: Denominator = .treated,
                binary: BinaryHandling = .rawDifference) throws(StatsError) {
        try Check.finite(xt, name: "treated values")
        for (value, count) in controlCounts {
            guard value.isFinite else { throw .invalidValue("control value \(value) is not finite") }
            try Check.count("of control value \(value)", count)
        }
        let nc = controlCounts.values.reduce(0, +)
        guard xt.count >= 2, nc >= 2 else { self = CovariateBalance(degenerate: .tooFewObservations); return }
        let values = Set(xt).union(controlCounts.keys).sorted()
        let binaryVariable = values.allSatisfy { $0 == 0 || $0 == 1 }
        let nt = Double(xt.count), ncd = Double(nc)
        let mt = xt.reduce(0, +) / nt
        // Sums over the table in the order of its values, so the result does
        // not depend on the dictionary's (per-process) iteration order.
        let controlValues = controlCounts.keys.sorted()
        let mc = controlValues.reduce(0.0) { $0 + $1 * Double(controlCounts[$1]!) } / ncd
        let vt: Double, vc: Double
        if binaryVariable {
            vt = mt * (1 - mt); vc = mc * (1 - mc)
        } else {
            vt = xt.reduce(0.0) { $0 + ($1 - mt) * ($1 - mt) } / (nt - 1)
            vc = controlValues.reduce(0.0) { $0 + Double(controlCounts[$1]!) * ($1 - mc) * ($1 - mc) } / (ncd - 1)
        }
        let factor: Double
        switch denominator {
        case .treated: factor = vt.squareRoot()
        case .control: factor = vc.squareRoot()
        case .pooled: factor = ((vt + vc) / 2).squareRoot()
        }
        var treatedCounts: [Double: Int] = [:]
        for v in xt { treatedCounts[v, default: 0] += 1 }
        var ft = 0.0, fc = 0.0, total = 0.0, maxD = 0.0
        for v in values {
            ft += Double(treatedCounts[v] ?? 0) / nt
            fc += Double(controlCounts[v] ?? 0) / ncd
            let d = abs(ft - fc)
            total += d
            maxD = max(maxD, d)
        }
        self.isBinary = binaryVariable
        self.treatedMean = mt
        self.controlMean = mc
        self.standardizationFactor = factor
        self.standardizedMeanDifference = binaryVariable && binary == .rawDifference ? mt - mc : (mt - mc) / factor
        self.varianceRatio = vt / vc
        if binaryVariable {
            self.ecdfMean = abs(mt - mc)
            self.ecdfMax = abs(mt - mc)
        } else {
            self.ecdfMean = total / Double(values.count)
            self.ecdfMax = maxD
        }
        self.degeneracy = nil
    }
}
