import LuaHost
import Testing

@Suite("Values cross the bridge intact")
struct BridgeConversionTests {
    @Test("scalars, strings with NULs and invalid UTF-8, nested tables round-trip")
    func roundTrip() throws {
        let values: [LuaValue] = [
            .nil, .boolean(true), .boolean(false), .integer(Int64.max), .integer(-7), .number(2.5),
            .string("a\0b"), .bytes([0xff, 0x00, 0xfe]), .string("héllo"),
            .array([.integer(1), .string("two"), .array([.boolean(true)])]),
            .map(["k": .string("v"), "n": .map(["deep": .number(1.25)])]),
        ]
        let echoed = try withLuaState { state in
            try values.map { value in
                try state.run("return t.echo(...)", chunkName: "=test", sandboxed: true, arguments: [value]).first ?? .nil
            }
        }
        #expect(echoed == values)
    }

    @Test("a cyclic table is refused with a clear error, not a crash")
    func cyclic() throws {
        let error = try withLuaState { state -> LuaError? in
            do { try state.run("local a = {} a.self = a return t.echo(a)", chunkName: "@cyc.lua", sandboxed: true); return nil } catch let e
                as LuaError
            { return e }
        }
        #expect(error?.message.contains("cyc.lua:1:") == true)
        #expect(error?.message.contains("cyclic") == true)
    }

    @Test("print(1+1) style arithmetic runs and returns integers")
    func arithmetic() throws {
        let result = try withLuaState { state in try state.run("return 1 + 1", chunkName: "=e", sandboxed: true) }
        #expect(result == [.integer(2)])
    }

    @Test("a host function returns exactly the values its body lists: none, one, a pair with nil, three, many")
    func resultCounts() throws {
        let results = try withLuaState { state in
            try state.run(
                """
                local counts = {}
                for _, n in ipairs({0, 1, 2, 3, 5}) do counts[#counts + 1] = select('#', t.spread(n)) end
                local a, b = t.spread(2)
                local x, y, z = t.spread(3)
                return table.concat(counts, ","), a, b == nil, x + y + z, select(5, t.spread(5))
                """, chunkName: "=counts", sandboxed: true)
        }
        #expect(results == [.string("0,1,2,3,5"), .integer(1), .boolean(true), .integer(6), .integer(5)])
    }

    @Test("a one-value function returns exactly one value, checks its arguments, and its errors reach Lua")
    func oneValueFunction() throws {
        let results = try withLuaState { state in
            try state.run(
                """
                local n = select('#', t.upper('abc'))
                local ok, err = pcall(t.upper, '')
                local okType, errType = pcall(t.upper, 42)
                return n, t.upper('abc'), ok, tostring(err), okType, tostring(errType),
                       select('#', t.upper_list('xy')), t.upper_list('xy')
                """, chunkName: "=one", sandboxed: true)
        }
        #expect(results.count == 8)
        #expect(results.prefix(3) == [.integer(1), .string("ABC"), .boolean(false)])
        #expect(results[3].stringValue?.contains("t.upper: empty text") == true)
        #expect(results[4] == .boolean(false))
        #expect(
            results[5].stringValue?.contains("t.upper: argument #1 (text) expected string, got number") == true,
            "\(results[5])")
        // The list form of the same body (``HostFunction/body``, as module shortcuts wrap it) returns the one value.
        #expect(results.suffix(2) == [.integer(1), .string("XY")])
    }
}

@Suite("Table key order")
struct LuaKeyOrderTests {
    @Test("integers in numeric order (negatives too), then numbers, booleans, strings")
    func order() {
        let keys: [LuaKey] = [
            .string("b"), .integer(3), .boolean(true), .number(10.5), .integer(-10), .string("a"),
            .number(9.5), .integer(-5), .boolean(false), .integer(100),
        ]
        #expect(
            keys.sorted() == [
                .integer(-10), .integer(-5), .integer(3), .integer(100), .number(9.5), .number(10.5),
                .boolean(false), .boolean(true), .string("a"), .string("b"),
            ])
    }
}
