import ArgumentParser
import ClewDomain
import ClewServices
import ClewStore
import Foundation

struct LeadConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert", abstract: "Convert a lead once intent is confirmed (转换线索): customer, and contact and opportunity.",
        discussion: """
            Makes the customer (the lead's own, one of the same name, or a new one); --contact adds the contact person, \
            --opportunity an open opportunity (商机) with the lead's expected amount. Run it again to add what was left out. \
            'lead win' then closes that opportunity instead of creating another one; 'lead lose' closes it as lost.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Lead number.") var number: String
    @Flag(help: "Also make the contact (联系人) from the lead's contact person.") var contact = false
    @Flag(help: "Also open an opportunity (商机).") var opportunity = false

    func run() throws {
        let summary = try CommandEnvironment.open(global).leads.convert(number, contact: contact, opportunity: opportunity)
        Output.line("\(number.uppercased()) converted: \(Self.summary(summary)).")
    }

    /// `customer #3 杭州恒通 · contact 王伟 · opportunity #2 open (expected 380000.00)`.
    static func summary(_ c: LeadConversionSummary) -> String {
        var parts = ["customer #\(c.customerID) \(Output.safe(c.customerName))"]
        if !c.contacts.isEmpty { parts.append("contact " + c.contacts.map { Output.safe($0) }.joined(separator: ", ")) }
        if let id = c.opportunityID, let status = c.opportunityStatus {
            let amount = c.opportunityAmount.map { status == .won ? " for \($0)" : " (expected \($0))" } ?? ""
            parts.append("opportunity #\(id) \(status.rawValue)\(amount)")
        }
        if let at = c.convertedAt { parts.append("on \(Output.time(at))") }
        return parts.joined(separator: " · ")
    }
}
