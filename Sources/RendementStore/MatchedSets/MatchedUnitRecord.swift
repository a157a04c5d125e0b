import RendementCore

/// One client or control of a stored matched set.
public struct MatchedUnitRecord: Sendable, Equatable {
    public var setID: Int
    public var isClient: Bool
    public var personKey: Int64
    public var index: Day
    /// `IncidentKey` of a control's index incident.
    public var indexIncident: Int64?
    /// The client's Veiligheidshuis and target group (repeated on controls).
    public var veiligheidshuis: String
    public var doelgroep: String
    /// 1 for clients, 1/k for each of k controls.
    public var weight: Double
    public var distance: Double?
    /// The round of staged matching that matched the set (1: the strict rules).
    public var round: Int

    public init(setID: Int, isClient: Bool, personKey: Int64, index: Day, indexIncident: Int64?, veiligheidshuis: String,
                doelgroep: String, weight: Double, distance: Double?, round: Int = 1) {
        self.round = round
        self.setID = setID
        self.isClient = isClient
        self.personKey = personKey
        self.index = index
        self.indexIncident = indexIncident
        self.veiligheidshuis = veiligheidshuis
        self.doelgroep = doelgroep
        self.weight = weight
        self.distance = distance
    }
}

/// A stored matching run.
public struct MatchRunRecord: Sendable, Equatable {
    public var id: Int64
    public var createdAt: String
    /// The settings as JSON.
    public var configuration: String
    public var seed: Int64
    public var caliper: Double?
    public var clients: Int
    public var matched: Int
    public var toolVersion: String
    /// The live imports the run read.
    public var inputs: [RunInput]
}

/// A client of a matching run that got no matched set, and why.
public struct UnmatchedClientRecord: Sendable, Equatable {
    public var personKey: Int64
    public var index: Day
    public var veiligheidshuis: String
    public var doelgroep: String
    public var reason: String

    public init(personKey: Int64, index: Day, veiligheidshuis: String, doelgroep: String, reason: String) {
        self.personKey = personKey
        self.index = index
        self.veiligheidshuis = veiligheidshuis
        self.doelgroep = doelgroep
        self.reason = reason
    }
}
