import RendementAnalysis

extension ReportText {
    /// Why an estimate is missing, in words a reader understands.
    func reason(_ r: EstimateReason) -> String {
        switch r {
        case .tooFewSets: return t("te weinig gekoppelde sets", "too few matched sets")
        case .tooFewHouses: return t("te weinig Veiligheidshuizen", "too few Veiligheidshuizen")
        case .noFollowUp: return t("niemand kon worden gevolgd", "nobody could be followed")
        case .noVariation: return t("geen spreiding in de gegevens", "no variation in the data")
        case .noEvents: return t("geen gebeurtenissen", "no events")
        case .singleGroup: return t("maar één groep", "only one group")
        case .notConverged: return t("het model kwam niet tot een uitkomst", "the model did not converge")
        case .singularDesign: return t("de kenmerken variëren niet onafhankelijk", "the characteristics do not vary independently")
        case .constantModerator: return t("de leeftijd van de Veiligheidshuizen verschilt niet", "the Veiligheidshuizen do not differ in age")
        case .separation: return t("de uitkomst is volledig voorspelbaar", "the outcome is perfectly predictable")
        case .noRoom: return t("het venster is te lang voor deze controle", "the window is too long for this check")
        case .notReached: return t("de curve komt niet zo laag", "the curve does not get that low")
        case .suppressed: return t("verborgen: te weinig personen hier of in een verwante groep", "hidden: too few persons here or in a related group")
        case .invalidInput: return t("interne fout: de berekening weigerde de invoer", "internal error: the calculation refused its input")
        }
    }
}
