import Foundation
import GRDB
import StanceModel
import Testing

@testable import StanceStore

@Suite struct DoctorPlaceholder {
    @Test func placeholder() {}
}
