import ClewDomain
import ClewServices
import Foundation

/// A contract as the in-memory store keeps it, as far as the pipeline opens and closing cancels it.
struct ContractRecord {
    var id: Int64
    var leadID: Int64
    var customerID: Int64
    var number: String
    var owner: String?
    var status: ContractStatus
    var amountFen: Int64
    var signedOn: String?
    var version: Int
}

/// A customer as the in-memory store keeps it (the `customer` table's row, as far as deals need).
struct CustomerRecord {
    var id: Int64
    var name: String
}

/// A contact of a customer (the `contact` table's row, as far as a win needs).
struct ContactRecord {
    var customerID: Int64
    var name: String
    var phoneKey: String?
    /// The lead it was made from.
    var sourceLeadID: Int64
}

/// ``ClewServices/DealRepository`` in memory, audited as the SQLite store's `customer`, `contact`,
/// `contract` and `opportunity` tables (`open` naming the contract's number, `reopen`, `sign` and
/// `cancel` its changed fields; a customer or contact made `contract` or `convert` naming it; an
/// opportunity's `convert`, `win` and `lose`). Opportunities converted before the win are the
/// ones a test gives (``InMemoryStore/setOpportunity(_:ofLead:)``).
struct InMemoryDeals: DealRepository {
    let transaction: InMemoryTransaction

    private var state: StateBox { transaction.state }

    func openContract(for lead: Lead) throws -> Int64 {
        _ = transaction.writer()
        if var record = state.state.contracts[lead.id] {
            if record.status == .cancelled {
                let (oldOwner, oldStatus) = (record.owner, record.status)
                record.status = .draft
                record.owner = lead.owner
                record.version += 1
                state.state.contracts[lead.id] = record
                transaction.audit("reopen", entity: "contract", id: record.id, field: "status", old: oldStatus.rawValue, new: ContractStatus.draft.rawValue)
                if oldOwner != lead.owner {
                    transaction.audit("reopen", entity: "contract", id: record.id, field: "owner", old: oldOwner, new: lead.owner)
                }
            }
            return record.id
        }
        let customerID = customer(for: lead, named: lead.details.customer ?? lead.number.description, action: "contract")
        state.state.lastContractID += 1
        let record = ContractRecord(id: state.state.lastContractID, leadID: lead.id, customerID: customerID,
                                    number: Contract.number(forLead: lead.number.description), owner: lead.owner, status: .draft,
                                    amountFen: lead.amount?.fen ?? 0, version: 1)
        state.state.contracts[lead.id] = record
        transaction.audit("open", entity: "contract", id: record.id, field: "number", new: record.number, version: 1)
        return record.id
    }

    func cancelDraftContract(ofLead id: Int64) throws {
        _ = transaction.writer()
        guard var record = state.state.contracts[id], record.status == .draft else { return }
        record.status = .cancelled
        record.version += 1
        state.state.contracts[id] = record
        transaction.audit("cancel", entity: "contract", id: record.id, field: "status", old: ContractStatus.draft.rawValue,
                          new: ContractStatus.cancelled.rawValue)
    }

    func closeOpportunityLost(ofLead id: Int64) throws {
        _ = transaction.writer()
        guard let opportunity = state.state.opportunities[id], opportunity.status == .open else { return }
        var lost = opportunity
        lost.status = .lost
        state.state.opportunities[id] = lost
        transaction.audit("lose", entity: "opportunity", id: opportunity.id, field: "status", old: OpportunityStatus.open.rawValue,
                          new: OpportunityStatus.lost.rawValue)
    }

    func recordWin(_ conversion: LeadConversion, of lead: Lead) throws {
        _ = transaction.writer()
        let customerID = customer(for: lead, named: conversion.customer.name, action: "convert")
        if let contact = conversion.contact { addContact(contact, customerID: customerID, lead: lead) }
        let won = conversion.opportunity
        if let existing = state.state.opportunities[lead.id] {
            state.state.opportunities[lead.id] = InMemoryStore.Opportunity(id: existing.id, status: .won, amount: won.amount,
                                                                           customerID: existing.customerID, owner: won.owner)
            // As the SQLite store's change of status, amount, won time and owner (the close time silent).
            for (field, old, new) in [("status", existing.status.rawValue, OpportunityStatus.won.rawValue),
                                      ("amount_fen", existing.amount.map { String($0.fen) }, String(won.amount.fen)),
                                      ("won_at", nil, StoreError.timestamp(won.wonAt)), ("owner", existing.owner, won.owner)] as [(String, String?, String?)]
                where old != new {
                transaction.audit("win", entity: "opportunity", id: existing.id, field: field, old: old, new: new)
            }
            return
        }
        state.state.lastOpportunityID += 1
        state.state.opportunities[lead.id] = InMemoryStore.Opportunity(id: state.state.lastOpportunityID, status: .won, amount: won.amount,
                                                                       customerID: customerID, owner: won.owner)
        transaction.audit("convert", entity: "opportunity", id: state.state.lastOpportunityID, field: "amount", new: won.amount.description)
    }

    func correctWonAmount(ofLead id: Int64, to amount: Money) throws {
        _ = transaction.writer()
        guard var opportunity = state.state.opportunities[id] else { return }
        let old = opportunity.amount
        guard old != amount else { return }
        opportunity.amount = amount
        state.state.opportunities[id] = opportunity
        transaction.audit(LeadChange.correctAmount.rawValue, entity: "opportunity", id: opportunity.id, field: "amount_fen",
                          old: old.map { String($0.fen) }, new: String(amount.fen))
    }

    func signContract(for lead: Lead, amount: Money) throws {
        let id = try openContract(for: lead)
        guard var record = state.state.contracts[lead.id], record.id == id else { return }
        let today = CalendarDay.containing(transaction.now, in: transaction.rules.calendar.timeZone).description
        let changes: [(field: String, old: String?, new: String?)] = [
            ("status", record.status.rawValue, ContractStatus.signed.rawValue), ("signed_on", record.signedOn, today),
            ("owner", record.owner, lead.owner), ("amount_fen", String(record.amountFen), String(amount.fen)),
        ].filter { $0.old != $0.new }
        guard !changes.isEmpty else { return }
        record.status = .signed
        record.signedOn = today
        record.owner = lead.owner
        record.amountFen = amount.fen
        record.version += 1
        state.state.contracts[lead.id] = record
        for change in changes {
            transaction.audit("sign", entity: "contract", id: id, field: change.field, old: change.old, new: change.new, version: record.version)
        }
    }

    func conversion(ofLead id: Int64) throws -> LeadConversionSummary? {
        let opportunity = state.state.opportunities[id]
        guard let lead = state.state.leads[id], state.state.convertedAt[id] != nil || opportunity != nil,
              let customerID = opportunity?.customerID ?? lead.customerID, let customer = state.state.customers[customerID] else { return nil }
        return LeadConversionSummary(customerID: customerID, customerName: customer.name, convertedAt: state.state.convertedAt[id],
                                     contacts: state.state.contacts.filter { $0.sourceLeadID == id }.map(\.name), opportunityID: opportunity?.id,
                                     opportunityStatus: opportunity?.status, opportunityAmount: opportunity?.amount)
    }

    func recordConversion(_ plan: IntentConversion, of lead: Lead) throws -> (customerID: Int64, opportunityID: Int64?) {
        _ = transaction.writer()
        let customerID = customer(for: lead, named: plan.customer.name, action: "convert")
        if let contact = plan.contact { addContact(contact, customerID: customerID, lead: lead) }
        guard let open = plan.opportunity else { return (customerID, nil) }
        if var lost = state.state.opportunities[lead.id] {
            // A lead lost and reopened converts into the opportunity it had (its close time cleared, silently).
            let changes: [(field: String, old: String?, new: String?)] = [
                ("status", lost.status.rawValue, OpportunityStatus.open.rawValue),
                ("amount_fen", lost.amount.map { String($0.fen) }, open.expectedAmount.map { String($0.fen) }), ("owner", lost.owner, open.owner),
            ].filter { $0.old != $0.new }
            (lost.status, lost.amount, lost.owner) = (.open, open.expectedAmount, open.owner)
            state.state.opportunities[lead.id] = lost
            for change in changes { transaction.audit("reopen", entity: "opportunity", id: lost.id, field: change.field, old: change.old, new: change.new) }
            return (customerID, lost.id)
        }
        state.state.lastOpportunityID += 1
        state.state.opportunities[lead.id] = InMemoryStore.Opportunity(id: state.state.lastOpportunityID, status: .open, amount: open.expectedAmount,
                                                                       customerID: customerID, owner: open.owner)
        transaction.audit("convert", entity: "opportunity", id: state.state.lastOpportunityID, field: "status", new: OpportunityStatus.open.rawValue,
                          version: 1)
        return (customerID, state.state.lastOpportunityID)
    }

    /// Adds `contact` to customer `customerID`, made from `lead`, unless the customer knows it
    /// (the same name, with the same phone or none).
    private func addContact(_ contact: LeadConversion.Contact, customerID: Int64, lead: Lead) {
        guard !state.state.contacts.contains(where: {
            $0.customerID == customerID && $0.name == contact.name && ($0.phoneKey == contact.phoneKey || $0.phoneKey == nil)
        }) else { return }
        state.state.contacts.append(ContactRecord(customerID: customerID, name: contact.name, phoneKey: contact.phoneKey, sourceLeadID: lead.id))
        transaction.audit("convert", entity: "contact", id: Int64(state.state.contacts.count), field: "name", new: contact.name)
    }

    /// The customer `lead` becomes: its contract's, its own, one named `name`, else a new one
    /// (audited `action`, naming it).
    private func customer(for lead: Lead, named name: String, action: String) -> Int64 {
        if let contract = state.state.contracts[lead.id] { return contract.customerID }
        if let own = lead.customerID, state.state.customers[own] != nil { return own }
        if let existing = state.state.customers.values.filter({ $0.name == name }).map(\.id).min() { return existing }
        state.state.lastCustomerID += 1
        state.state.customers[state.state.lastCustomerID] = CustomerRecord(id: state.state.lastCustomerID, name: name)
        transaction.audit(action, entity: "customer", id: state.state.lastCustomerID, field: "name", new: name, version: 1)
        return state.state.lastCustomerID
    }
}
