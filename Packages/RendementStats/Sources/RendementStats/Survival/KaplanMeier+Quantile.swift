extension KaplanMeier {
    /// Port of survival:::findq with x = c(0, time), y = c(0, 1 - surv), NA
    /// (NaN) points ignored as R's approx() does.
    static func findQuantile(times: [Double], survival: [Double], p: Double) -> Double? {
        let tol = Double.ulpOfOne.squareRoot()
        var x = [0.0] + times
        var y = [0.0] + survival.map { 1 - $0 }
        let xmax = x[x.count - 1]
        let finiteY = y.filter { !$0.isNaN }
        guard let ymax = finiteY.max(), ymax >= p else { return nil }
        // duplicated(y): keep first occurrence (NaN counts as a value too).
        var seen: [Double] = []
        var sawNaN = false
        var keepX: [Double] = [], keepY: [Double] = []
        for i in y.indices {
            if y[i].isNaN {
                if sawNaN { continue }
                sawNaN = true
            } else {
                if seen.contains(y[i]) { continue }
                seen.append(y[i])
            }
            keepX.append(x[i]); keepY.append(y[i])
        }
        x = keepX; y = keepY
        // approx(y + tol, 1:n, p, "constant", f = 1): first index j (among
        // non-NaN points, in order) with y_j + tol >= p, NA below the first point.
        func index(shift: Double) -> Int? {
            let pts = y.indices.filter { !y[$0].isNaN }
            guard let first = pts.first, p >= y[first] + shift else { return nil }
            for j in pts where y[j] + shift >= p { return j }
            return nil
        }
        let i1 = index(shift: tol), i2 = index(shift: -tol)
        if p == 0 { return x[0] }
        if let last = y.last, !last.isNaN, abs(p - last) < tol, let i1 { return (x[i1] + xmax) / 2 }
        guard let i1, let i2 else { return nil }
        return (x[i1] + x[i2]) / 2
    }
}
