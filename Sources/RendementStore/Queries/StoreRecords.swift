import RendementCore

/// One row of the import log.
public struct ImportRecord: Sendable, Equatable {
    public var id: Int64
    public var kind: InputKind
    public var label: String
    public var fileName: String
    public var sha256: String
    public var periodFrom: Day?
    public var periodTo: Day?
    public var rowsRead: Int
    public var rowsImported: Int
    public var duplicates: Int
    public var rejected: Int
    /// JSON object of rejection reason code -> count.
    public var rejectedByReason: String
    public var attributeConflicts: Int
    public var startedAt: String
    public var finishedAt: String
    public var toolVersion: String
    public var replacedAt: String?
}

/// A Veiligheidshuis from the registry.
public struct VeiligheidshuisRecord: Sendable, Equatable {
    public var name: String
    public var regio: String
    public var opgericht: Int
    public var gemeenten: Int?
}

/// One client registration.
public struct RegistrationRecord: Sendable, Equatable {
    public var personKey: Int64
    public var veiligheidshuis: String
    public var doelgroep: String
    public var casusoverleg: String?
    public var aanmeld: Day?
    public var instroom: Day
    public var planVanAanpak: Bool
    public var uitstroom: Day?
    /// The date of the plan of approach, where plan_van_aanpak gave one.
    public var planDay: Day? = nil
    /// The number of partners involved in the case (optional column aantal_partners).
    public var partners: Int? = nil
}

/// A person's resolved attributes (after the conflict rule).
public struct PersonAttributes: Sendable, Equatable {
    public var birth: Day?
    /// 0 day, 1 month (the 15th assumed), 2 year (1 July assumed).
    public var birthPrecision: Int
    public var sex: Sex
}
