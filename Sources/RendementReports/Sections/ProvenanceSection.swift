import RendementCore

/// Provenance: tool version, configuration, seed, the SHA-256 of every input,
/// run date and the stated purpose -- enough to reproduce every number.
struct ProvenanceSection {
    let inputs: ReportInputs
    let language: ReportLanguage

    func add(to doc: inout ReportDocument) {
        let text = ReportText(language: language)
        doc.heading(text.t("Herkomst van de cijfers", "Provenance"))
        let run = inputs.matchRun
        // Settings, purpose and file names are data: literal text and code spans only.
        let purpose = ReportMarkup.literal(inputs.results.settings.purpose)
        let matching = ReportMarkup.code(run.configuration), settings = ReportMarkup.code(inputs.results.settings.json)
        var items = [
            text.t("Doel van de analyse (doelbinding): \(purpose)", "Purpose of the analysis: \(purpose)"),
            text.t("Gemaakt op \(inputs.runDate.iso) met rendement \(inputs.toolVersion)", "Made on \(inputs.runDate.iso) with rendement \(inputs.toolVersion)"),
            text.t("Koppeling (matching) #\(run.id) van \(run.createdAt), seed \(run.seed): \(matching)",
                   "Matching run #\(run.id) of \(run.createdAt), seed \(run.seed): \(matching)"),
            text.t("Analyse-instellingen: \(settings)", "Analysis settings: \(settings)"),
            text.t("Vastgelegd in de store als analyse #\(inputs.results.record.id): SHA-256 van de instellingen `\(inputs.results.record.configurationSHA256)`, van de ingelezen bestanden samen `\(inputs.results.record.inputSHA256)`",
                   "Recorded in the store as analysis #\(inputs.results.record.id): SHA-256 of the settings `\(inputs.results.record.configurationSHA256)`, of the imported files together `\(inputs.results.record.inputSHA256)`"),
            text.t("Bijzondere gevallen: geboortedata met alleen jaar of maand krijgen het midden van die periode (1 juli of de 15e).",
                   "Special cases: birth dates with only a year or month get the middle of that period (1 July or the 15th)."),
        ]
        if let staleness = inputs.staleness {
            items.insert(text.t("**Let op:** dit rapport toont een eerdere analyse (#\(inputs.results.record.id)); sindsdien is de invoer veranderd (\(ReportMarkup.literal(staleness))).",
                                "**Note:** this report shows an earlier analysis (#\(inputs.results.record.id)); the inputs have changed since (\(ReportMarkup.literal(staleness)))."), at: 0)
        }
        // The imports the run read (not what is live now).
        for i in inputs.runImports {
            items.append("\(i.kind.rawValue): \(ReportMarkup.literal(i.fileName)) — SHA-256 \(ReportMarkup.code(i.sha256))")
        }
        doc.bullets(items)
    }
}
