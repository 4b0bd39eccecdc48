import SparkDeployCore
import Testing

@Suite("One reader of Retry-After for the AWS clients and the ResourceManager")
struct RetryAfterTests {
    @Test("AWS: x-amz-retry-after (milliseconds) wins over Retry-After (seconds)")
    func amazonHint() {
        #expect(RetryAfter.seconds(headers: [("x-amz-retry-after", "1500")]) == 1.5)
        #expect(RetryAfter.seconds(headers: [("Retry-After", "3"), ("X-Amz-Retry-After", "250")]) == 0.25)
        #expect(RetryAfter.seconds(headers: [("retry-after", " 3 ")]) == 3)
    }

    @Test("ResourceManager: only Retry-After counts")
    func standardHint() {
        #expect(RetryAfter.seconds(headers: [("x-amz-retry-after", "1500")], amazonMilliseconds: false) == nil)
        #expect(
            RetryAfter.seconds(
                headers: [("x-amz-retry-after", "1500"), ("Retry-After", "2")],
                amazonMilliseconds: false) == 2)
    }

    @Test("negative, non-numeric and non-finite hints are no hint; a later valid header still counts")
    func brokenHints() {
        for bad in ["-1", "soon", "inf", "nan", "Wed, 21 Oct 2015 07:28:00 GMT", ""] {
            #expect(RetryAfter.seconds(headers: [("Retry-After", bad)]) == nil)
            #expect(RetryAfter.seconds(headers: [("Retry-After", bad)], amazonMilliseconds: false) == nil)
        }
        #expect(RetryAfter.seconds(headers: [("Retry-After", "soon"), ("Retry-After", "4")]) == 4)
    }

    @Test("the delay is the hint bounded to the backoff cap + 5 s, else the backoff")
    func boundedDelay() {
        #expect(RetryAfter.delay(backoffDelay: 0.2, hint: 3, cap: 20) == 3)
        #expect(RetryAfter.delay(backoffDelay: 0.2, hint: 3600, cap: 20) == 25)
        #expect(RetryAfter.delay(backoffDelay: 0.2, hint: nil, cap: 20) == 0.2)
    }
}
