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

    public init(id: Int, client: SetMember, controls: [SetMember], veiligheidshuis: String, regio: String,
                doelgroep: String, founded: Int) {
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
