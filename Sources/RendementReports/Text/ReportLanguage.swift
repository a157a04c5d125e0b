/// The language of a report: Dutch by default, English on request.
public enum ReportLanguage: String, Sendable, CaseIterable {
    case nl, en
}
