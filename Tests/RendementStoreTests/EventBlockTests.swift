import Foundation
import RendementCore
import RendementStore
import XCTest

/// The packed history format: every field survives a round trip, columns
/// that hold only defaults are left out, and damaged bytes are refused.
final class EventBlockTests: XCTestCase {
    private func roundTrip(_ events: [PoliceEvent]) throws -> (bytes: [UInt8], decoded: [PoliceEvent]) {
        var bytes: [UInt8] = []
        events.withUnsafeBufferPointer { EventBlock.encode($0, into: &bytes) }
        var decoded: [PoliceEvent] = [PoliceEvent(day: 99, key: 99)]
        try bytes.withUnsafeBytes { try EventBlock.decode($0, appendingTo: &decoded) }
        XCTAssertEqual(decoded.first, PoliceEvent(day: 99, key: 99), "decode appends")
        return (bytes, Array(decoded.dropFirst()))
    }

    func testEveryFieldRoundTrips() throws {
        var seed: UInt64 = 42
        func next() -> UInt64 { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return seed }
        let events = (0..<500).map { _ in
            PoliceEvent(day: Int32(truncatingIfNeeded: next()), key: Int64(bitPattern: next()), link: Int64(bitPattern: next()),
                        aux: Int32(truncatingIfNeeded: next()), code: UInt32(truncatingIfNeeded: next()),
                        place: UInt32(truncatingIfNeeded: next()), type: UInt8(truncatingIfNeeded: next()),
                        severity: UInt8(truncatingIfNeeded: next()))
        }
        // Out of day order and with extreme values: zigzag differences.
        let (bytes, decoded) = try roundTrip(events)
        XCTAssertEqual(decoded, events)
        XCTAssertEqual(bytes[4], 1, "flagged as not in day order (after a 2-byte count)")
        let sorted = events.sorted(by: PoliceEvent.precedes)
        XCTAssertEqual(try roundTrip(sorted).decoded, sorted)
        let extremes = [PoliceEvent(day: .max, key: .min, link: .max, aux: .min + 1, code: .max, place: .max, type: 255, severity: 255),
                        PoliceEvent(day: .min, key: .max, link: .min, aux: .max, code: 0, place: 1, type: 0, severity: 1)]
        XCTAssertEqual(try roundTrip(extremes).decoded, extremes)
    }

    func testATypicalHistoryTakesAboutFourteenBytesPerEvent() throws {
        var events: [PoliceEvent] = []
        for i in 0..<100 {
            let day = Int32(14_000 + i * 17)
            let key = Int64(i) &* 0x1E37_79B9_7F4A_7C15
            events.append(PoliceEvent(day: day, key: key, aux: day + 2, code: UInt32(1 + i % 200),
                                      place: UInt32(1 + i % 300), type: UInt8(1 + i % 3)))
        }
        let (bytes, decoded) = try roundTrip(events)
        XCTAssertEqual(decoded, events)
        XCTAssertEqual(bytes[3], 0, "in day order")
        // day 1 + key 8 + aux 1 + code 1-2 + place 1-2 + type 1 (the raw layout took 25).
        XCTAssertLessThanOrEqual(bytes.count, 5 + 100 * 15)
    }

    func testDefaultColumnsAreLeftOut() throws {
        let events = [PoliceEvent(day: 15000, key: 7, type: 1), PoliceEvent(day: 15001, key: 8, type: 2)]
        let (bytes, decoded) = try roundTrip(events)
        XCTAssertEqual(decoded, events)
        // version, n, mask, flags; days 15000 (3-byte zigzag varint) and +1; keys; types.
        XCTAssertEqual(bytes.count, 4 + (3 + 1) + 2 * 8 + 2, "day, key and type only")
        XCTAssertEqual(bytes[2], 1 | 2 | 64)
        XCTAssertEqual(decoded[0].aux, PoliceEvent.noDay, "an absent aux column decodes as no date")
        let empty = try roundTrip([])
        XCTAssertEqual(empty.decoded, [])
        XCTAssertEqual(empty.bytes.count, 4)
    }

    func testDamagedBlocksAreRefused() throws {
        var bytes: [UInt8] = []
        [PoliceEvent(day: 1, key: 2)].withUnsafeBufferPointer { EventBlock.encode($0, into: &bytes) }
        var out: [PoliceEvent] = []
        let overlong: [UInt8] = [EventBlock.version, 1, 1, 0] + [UInt8](repeating: 0xFF, count: 11) + [1]
        let hugeCount: [UInt8] = [EventBlock.version, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 1, 0]
        let dayOverflow: [UInt8] = [EventBlock.version, 2, 1, 0, 0xFE, 0xFF, 0xFF, 0xFF, 0x0F, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]
        for damaged in [Array(bytes.dropLast()), [9] + bytes.dropFirst(), Array(bytes.prefix(3)), bytes + [0],
                        overlong, hugeCount, dayOverflow] {
            XCTAssertThrowsError(try damaged.withUnsafeBytes { try EventBlock.decode($0, appendingTo: &out) })
        }
        XCTAssertEqual(out, [])
    }

    func testAttributesRoundTrip() throws {
        let obs = [AttributeObservation(isBirth: true, precision: 2, value: -3650, rows: 3),
                   AttributeObservation(isBirth: false, value: 1, rows: 70_000)]
        var bytes: [UInt8] = []
        AttributeBlock.encode(obs, into: &bytes)
        XCTAssertEqual(bytes.count, 20)
        XCTAssertEqual(try bytes.withUnsafeBytes { try AttributeBlock.decode($0) }, obs)
        XCTAssertThrowsError(try [UInt8](repeating: 0, count: 9).withUnsafeBytes { try AttributeBlock.decode($0) })
    }

    func testIncidentKeysOfTextAndBytesAgreeAndAreNeverZero() {
        for text in ["BVH2009-0-1", "", "PV201002", "é"] {
            var t = text
            XCTAssertEqual(IncidentKey.of(text), t.withUTF8 { IncidentKey.of(bytes: $0) })
            XCTAssertNotEqual(IncidentKey.of(text), 0)
        }
        // FNV-1a 64 of "a" (published test vector 0xaf63dc4c8601ec8c).
        XCTAssertEqual(UInt64(bitPattern: IncidentKey.of("a")), 0xaf63_dc4c_8601_ec8c)
    }
}
