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
        let (bytes, decoded) = try roundTrip(events)
        XCTAssertEqual(decoded, events)
        XCTAssertEqual(bytes.count, 6 + 500 * (4 + 8 + 8 + 4 + 4 + 4 + 1 + 1))
    }

    func testDefaultColumnsAreLeftOut() throws {
        let events = [PoliceEvent(day: 15000, key: 7, type: 1), PoliceEvent(day: 15001, key: 8, type: 2)]
        let (bytes, decoded) = try roundTrip(events)
        XCTAssertEqual(decoded, events)
        XCTAssertEqual(bytes.count, 6 + 2 * (4 + 8 + 1), "day, key and type only")
        XCTAssertEqual(bytes[5], 1 | 2 | 64)
        XCTAssertEqual(decoded[0].aux, PoliceEvent.noDay, "an absent aux column decodes as no date")
        let empty = try roundTrip([])
        XCTAssertEqual(empty.decoded, [])
        XCTAssertEqual(empty.bytes.count, 6)
    }

    func testDamagedBlocksAreRefused() throws {
        var bytes: [UInt8] = []
        [PoliceEvent(day: 1, key: 2)].withUnsafeBufferPointer { EventBlock.encode($0, into: &bytes) }
        var out: [PoliceEvent] = []
        for damaged in [Array(bytes.dropLast()), [2] + bytes.dropFirst(), Array(bytes.prefix(3)), bytes + [0]] {
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
