import RendementStats

extension EstimateReason {
    /// The reason for a degenerate result of the statistics library; its
    /// observations and clusters are matched sets here.
    public init(_ degeneracy: Degeneracy) {
        switch degeneracy {
        case .tooFewObservations, .tooFewClusters: self = .tooFewSets
        case .zeroVariance, .emptyMargin, .noDiscordantPairs: self = .noVariation
        case .noEvents: self = .noEvents
        case .singleGroup: self = .singleGroup
        case .notConverged, .noOverdispersion: self = .notConverged
        case .separation: self = .separation
        case .singularDesign: self = .singularDesign
        case .constantModerator: self = .constantModerator
        }
    }
}

/// A call into the statistics library on input the analysis assembled itself:
/// the result, or -- if the library refused that input -- `.invalidInput`
/// (a defect of this program, reported in the table rather than hidden).
enum LibraryCall {
    static func run<T>(_ body: () throws(StatsError) -> T) -> Result<T, EstimateReason> {
        do { return .success(try body()) } catch { return .failure(.invalidInput) }
    }
}
