import RendementCore

/// One matched set with what the scopes need: the client, its controls, and
/// the client's Veiligheidshuis, region, target group and intake quarter.
public struct AnalysisSet: Sendable {
    public var id: Int
    public var client: SetMember
    public var controls: [SetMember]
    public var veiligheidshuis: String
    public var regio: String
    public var doelgroep: String
    /// Year the Veiligheidshuis was founded.
    public var founded: Int
    /// The round of staged matching that matched the set (1: the strict rules).
    public var matchRound: Int

    public init(id: Int, client: SetMember, controls: [SetMember], veiligheidshuis: String, regio: String,
                doelgroep: String, founded: Int, matchRound: Int = 1) {
        self.matchRound = matchRound
        self.id = id
        self.client = client
        self.controls = controls
        self.veiligheidshuis = veiligheidshuis
        self.regio = regio
        self.doelgroep = doelgroep
        self.founded = founded
    }

    public var intakeQuarter: Quarter { Quarter(containing: client.index) }

    /// Years since founding at the client's intake.
    public var veiligheidshuisAge: Int { client.index.year - founded }
}
