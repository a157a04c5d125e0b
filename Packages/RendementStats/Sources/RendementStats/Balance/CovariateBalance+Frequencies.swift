import Foundation

extension CovariateBalance {
    /// Unweighted balance of treated values against a large control group
    /// given as a frequency table (value -> number of units): exactly what
    /// `init(values:treated:)` gives on the expanded data, in time linear in
    /// the number of treated units and distinct values. Used for "before
    /// matching" balance against millions of candidate person-dates.
    public init(treated xt: [Double], controlCounts: [Double: Int], denominator: Denominator = .treated,
                binary: BinaryHandling = .rawDifference) throws {
        let nc = controlCounts.values.reduce(0, +)
        guard xt.count >= 2, nc >= 2 else { throw BalanceError.tooFewUnits(treated: xt.count, control: nc) }
        let values = Set(xt).union(controlCounts.keys).sorted()
        let binaryVariable = values.allSatisfy { $0 == 0 || $0 == 1 }
        let nt = Double(xt.count), ncd = Double(nc)
        let mt = xt.reduce(0, +) / nt
        let mc = controlCounts.reduce(0.0) { $0 + $1.key * Double($1.value) } / ncd
        let vt: Double, vc: Double
        if binaryVariable {
            vt = mt * (1 - mt); vc = mc * (1 - mc)
        } else {
            vt = xt.reduce(0.0) { $0 + ($1 - mt) * ($1 - mt) } / (nt - 1)
            vc = controlCounts.reduce(0.0) { $0 + Double($1.value) * ($1.key - mc) * ($1.key - mc) } / (ncd - 1)
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
    }
}
