/// The whole sales process an admin configures in one file (issue 4, DESIGN §4–§5): the pipeline,
/// scoring, assignment rules, pools, cadences per grade, SLAs, keyword tags and event triggers.
///
/// A pure value: ``ProcessValidator`` checks it, `ProcessDefinitionTOML` (ClewStore) reads and
/// writes it, and `ProcessService` stores applied versions.
public struct ProcessDefinition: Hashable, Codable, Sendable {
    /// The version number, raised by one on every apply.
    public var version: Int
    /// The stages, in order.
    public var pipeline: Pipeline
    public var scoring: ScoringModel
    /// Tried in order; the first match routes the lead.
    public var assignment: [AssignmentRule]
    public var pools: [PoolDefinition]
    /// One per grade.
    public var cadences: [CadenceDefinition]
    public var sla: SLAPolicy
    public var keywordTags: [KeywordTag]
    public var triggers: [TriggerRule]
    /// The customer messages `email-customer:NAME` sends, by name.
    public var templates: [MessageTemplate]
    /// The language of contacts who have none (`zh` or `en`).
    public var defaultLanguage: ContactLanguage
    /// The receivable reminder levels (`[[receivable.level]]`); nil: the standard ones.
    public var receivable: ReceivablePolicy?
    /// Which deals need approval beyond a stage skip (`[approvals]`).
    public var approvals: ApprovalPolicy = .standard
    /// The time rules of seed 004 around screening (`[screening]`).
    public var screening: ScreeningRules = .standard
    /// Tag dimensions with their allowed values (`[[tag.dimension]]`), one value per lead each.
    public var tagDimensions: [TagDimension] = []
    /// The allowed sources (`[fields.source]`); nil: any text.
    public var sourceList: PickList?
    /// The allowed industries (`[fields.industry]`); nil: any text.
    public var industryList: PickList?

    public init(version: Int, pipeline: Pipeline, scoring: ScoringModel, assignment: [AssignmentRule], pools: [PoolDefinition],
                cadences: [CadenceDefinition], sla: SLAPolicy, keywordTags: [KeywordTag], triggers: [TriggerRule],
                templates: [MessageTemplate] = MessageTemplate.standard, defaultLanguage: ContactLanguage = .zh) {
        self.version = version
        self.pipeline = pipeline
        self.scoring = scoring
        self.assignment = assignment
        self.pools = pools
        self.cadences = cadences
        self.sla = sla
        self.keywordTags = keywordTags
        self.triggers = triggers
        self.templates = templates
        self.defaultLanguage = defaultLanguage
    }

    /// The template named `name`, if the file defines one.
    public func template(named name: String) -> MessageTemplate? { templates.first { $0.name == name } }

    /// The pick list of `field`, when the file has one (source and industry may).
    public func pickList(for field: LeadField) -> PickList? {
        switch field {
        case .source: sourceList
        case .industry: industryList
        default: nil
        }
    }

    /// `draft` with its source and industry checked against the pick lists, in the listed spelling.
    ///
    /// - Throws: ``PickListError`` for a value outside a list that allows no free text.
    public func checkingPickLists(_ draft: LeadDraft) throws(PickListError) -> LeadDraft {
        var checked = draft
        for field in [LeadField.source, .industry] {
            guard let list = pickList(for: field), let text = draft[field] else { continue }
            checked[field] = try list.accept(text, field: field.rawValue)
        }
        return checked
    }

    /// The tag dimension named `name`, if the file defines one.
    public func tagDimension(named name: String) -> TagDimension? { tagDimensions.first { $0.name == name } }

    /// The cadence for `grade`, if one is defined.
    public func cadence(for grade: Grade) -> CadenceDefinition? { cadences.first { $0.grade == grade } }

    /// Every login the definition names (rep and team targets, pool members and default
    /// assignees), for the store to check against the users table.
    public var referencedLogins: Set<String> {
        var logins = Set<String>()
        for rule in assignment {
            switch rule.target {
            case let .rep(login), let .team(login): logins.insert(login)
            case .pool: break
            }
        }
        for pool in pools {
            logins.formUnion(pool.members)
            if let login = pool.defaultAssignee { logins.insert(login) }
        }
        return logins
    }
}
