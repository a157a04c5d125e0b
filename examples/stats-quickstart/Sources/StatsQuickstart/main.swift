// Using RendementStats on its own: a treated group against matched controls.
import Foundation
import RendementStats

func show(_ label: String, _ value: Double, _ ci: ConfidenceInterval? = nil, p: Double? = nil) {
    var line = "\(label): " + String(format: "%.3f", value)
    if let ci { line += String(format: " (%.0f%% CI %.3f to %.3f)", ci.level * 100, ci.lower, ci.upper) }
    if let p { line += String(format: ", p = %.3g", p) }
    print(line)
}

do {
    // Twelve matched sets: a treated unit and k = 1...3 controls, each control weighted 1/k.
    var rng = SeededGenerator(seed: 2024)
    var set: [Int] = [], treated: [Bool] = [], weight: [Double] = [], before: [Double] = [], after: [Double] = []
    var days: [Double] = [], event: [Bool] = []
    for s in 0..<12 {
        let k = 1 + s % 3
        for j in 0...k {
            let isTreated = j == 0
            set.append(s); treated.append(isTreated); weight.append(isTreated ? 1 : 1 / Double(k))
            before.append(Double(2 + rng.nextInt(below: 4)))
            after.append(Double(rng.nextInt(below: isTreated ? 3 : 5)))
            let t = Double(10 + rng.nextInt(below: isTreated ? 300 : 200))
            days.append(t); event.append(t < 250)
        }
    }

    // 1. The change in events, treated against controls (Welch t test).
    let change = zip(after, before).map { $0 - $1 }
    let t = try HypothesisTests.welchTTest(treated.indices.filter { treated[$0] }.map { change[$0] },
                                           treated.indices.filter { !treated[$0] }.map { change[$0] })
    show("difference in change (Welch)", t.estimate, t.confidenceInterval, p: t.pValue)

    // 2. A rate ratio from a Poisson model on named terms, robust to the matched set.
    var rows: [[Double]] = [], y: [Double] = [], clusters: [Int] = [], w: [Double] = []
    for i in set.indices {
        for (period, count) in [(0.0, before[i]), (1.0, after[i])] {
            let g = treated[i] ? 1.0 : 0.0
            rows.append([1, g, period, g * period]); y.append(count); clusters.append(set[i]); w.append(weight[i])
        }
    }
    let poisson = try PoissonRegression.fit(rows: rows, y: y, names: ["Intercept", "treated", "after", "treated:after"],
                                            weights: w, clusters: clusters)
    if let term = poisson.coefficients["treated:after"], poisson.degeneracy == nil {
        show("rate ratio after/before, treated vs controls", exp(term.estimate), term.confidenceInterval().map(exp), p: term.pValue)
    }

    // 3. Time to the first event: weighted Kaplan-Meier and a Cox model robust to the set.
    for group in [true, false] {
        let idx = treated.indices.filter { treated[$0] == group }
        let km = try KaplanMeier(times: idx.map { days[$0] }, events: idx.map { event[$0] }, weights: idx.map { weight[$0] })
        show("S(120 days), \(group ? "treated" : "controls")", km.survival(at: 120), km.confidenceInterval(at: 120, transform: .logLog))
    }
    let design = try DesignMatrix(columns: [("treated", treated.map { $0 ? 1 : 0 })])
    let cox = try CoxProportionalHazards(times: days, events: event, design: design, weights: weight, clusters: set)
    if let hr = cox.coefficients["treated"], cox.degeneracy == nil {
        show("hazard ratio (robust to the set)", exp(hr.estimate), hr.confidenceInterval().map(exp), p: hr.pValue)
    }

    // 4. Three sites pooled (DerSimonian-Laird).
    let meta = try RandomEffectsMetaAnalysis(effects: [-0.21, -0.05, -0.33], variances: [0.010, 0.020, 0.015])
    show("pooled log rate ratio", meta.randomEffects.estimate, meta.randomEffects.confidenceInterval, p: meta.randomEffects.pValue)

    // 5. What twelve sets can detect.
    show("minimum detectable standardised effect, n = 12", try NormalPower.minimumDetectableEffect(n: 12))

    // 6. Data that cannot support an estimate: a reason, never a number.
    let noDiscordance = try HypothesisTests.mcNemar(TwoByTwoTable(a: 9, b: 0, c: 0, d: 3))
    print("McNemar without discordant pairs: \(noDiscordance.degeneracy?.rawValue ?? "-") (p = \(noDiscordance.pValue))")
    do {
        _ = try TwoByTwoTable(a: 1, b: -2, c: 3, d: 4)
    } catch {
        print("invalid input: \(error)")
    }
} catch {
    print("error: \(error)")
    exit(1)
}
