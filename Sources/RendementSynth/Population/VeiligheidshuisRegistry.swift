/// The synthetic registry: 25 Veiligheidshuizen named after real ones, in the
/// ten police units as regions, founded 2002-2012. Sizes are relative weights
/// of their client inflow.
struct VeiligheidshuisRegistry {
    struct Entry {
        let name: String
        let regio: String
        let opgericht: Int
        let gemeenten: Int
        let weight: Double
    }

    static let entries: [Entry] = [
        Entry(name: "Midden-Brabant", regio: "Oost-Brabant", opgericht: 2002, gemeenten: 9, weight: 1.2),
        Entry(name: "Rotterdam-Rijnmond", regio: "Rotterdam", opgericht: 2005, gemeenten: 15, weight: 2.5),
        Entry(name: "Haaglanden", regio: "Den Haag", opgericht: 2006, gemeenten: 9, weight: 2.0),
        Entry(name: "Fryslân", regio: "Noord-Nederland", opgericht: 2008, gemeenten: 24, weight: 1.3),
        Entry(name: "Twente", regio: "Oost-Nederland", opgericht: 2008, gemeenten: 14, weight: 1.1),
        Entry(name: "Zuid-Holland Zuid", regio: "Rotterdam", opgericht: 2009, gemeenten: 17, weight: 1.0),
        Entry(name: "Flevoland", regio: "Midden-Nederland", opgericht: 2009, gemeenten: 6, weight: 0.8),
        Entry(name: "Noord-Limburg", regio: "Limburg", opgericht: 2007, gemeenten: 8, weight: 1.0),
        Entry(name: "De Markiezaten", regio: "Zeeland-West-Brabant", opgericht: 2010, gemeenten: 7, weight: 0.6),
        Entry(name: "West Veluwe Vallei", regio: "Oost-Nederland", opgericht: 2010, gemeenten: 8, weight: 0.7),
        Entry(name: "IJsselland", regio: "Oost-Nederland", opgericht: 2009, gemeenten: 11, weight: 0.8),
        Entry(name: "Midden-Limburg", regio: "Limburg", opgericht: 2011, gemeenten: 7, weight: 0.5),
        Entry(name: "'s-Hertogenbosch", regio: "Oost-Brabant", opgericht: 2004, gemeenten: 10, weight: 0.9),
        Entry(name: "Amsterdam-Amstelland", regio: "Amsterdam", opgericht: 2011, gemeenten: 6, weight: 2.2),
        Entry(name: "Zaanstreek-Waterland", regio: "Noord-Holland", opgericht: 2009, gemeenten: 9, weight: 0.7),
        Entry(name: "Kennemerland", regio: "Noord-Holland", opgericht: 2008, gemeenten: 10, weight: 0.9),
        Entry(name: "Noord-Holland Noord", regio: "Noord-Holland", opgericht: 2010, gemeenten: 17, weight: 0.8),
        Entry(name: "Utrecht", regio: "Midden-Nederland", opgericht: 2007, gemeenten: 26, weight: 1.5),
        Entry(name: "Gooi en Vechtstreek", regio: "Midden-Nederland", opgericht: 2012, gemeenten: 7, weight: 0.4),
        Entry(name: "Hollands Midden", regio: "Den Haag", opgericht: 2008, gemeenten: 19, weight: 1.0),
        Entry(name: "Zeeland", regio: "Zeeland-West-Brabant", opgericht: 2009, gemeenten: 13, weight: 0.6),
        Entry(name: "Brabant-Noord", regio: "Oost-Brabant", opgericht: 2006, gemeenten: 12, weight: 0.7),
        Entry(name: "Gelderland-Zuid", regio: "Oost-Nederland", opgericht: 2007, gemeenten: 14, weight: 0.8),
        Entry(name: "Groningen", regio: "Noord-Nederland", opgericht: 2003, gemeenten: 23, weight: 1.1),
        Entry(name: "Zuid-Limburg", regio: "Limburg", opgericht: 2005, gemeenten: 18, weight: 1.1),
    ]

    /// Municipalities where incidents take place (free text in the extracts).
    static let municipalities = [
        "Rotterdam", "Den Haag", "Leeuwarden", "Hengelo", "Dordrecht", "Almere", "Venlo",
        "Bergen op Zoom", "Ede", "Tilburg", "Zwolle", "Roermond", "'s-Hertogenbosch", "Amsterdam",
        "Zaandam", "Haarlem", "Alkmaar", "Utrecht", "Hilversum", "Leiden", "Middelburg", "Oss",
        "Nijmegen", "Groningen", "Maastricht", "Súdwest-Fryslân", "Sittard-Geleen",
    ]
}
