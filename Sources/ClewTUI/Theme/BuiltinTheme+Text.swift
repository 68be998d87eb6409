// The shipped themes' text, kept identical to the files under `themes/` (a test checks).

extension BuiltinTheme {
    /// The theme file's text, compiled in.
    public var text: String {
        switch self {
        case .default: Self.defaultText
        case .light: Self.lightText
        case .highContrast: Self.highContrastText
        case .mono: Self.monoText
        }
    }

    private static let defaultText = #"""
# Clew default theme: for dark terminal backgrounds.
#
#   color <element> <fg> <bg> [bold|underline|reverse|dim|italic]…
#
# Colours: default, black red green yellow blue magenta cyan white, bright forms
# (brightred), colorN or N for palette entry 0–255, #rrggbb. Elements may be scoped to a
# screen (board.card-focus); an element not set falls back, for example
# board.card-focus → card-focus → board → default.
# Focus and selection also carry an attribute, so they stay visible without colour.

color default              default        default
color title-bar            brightwhite    blue          bold
color tab                  white          default
color tab-active           black          cyan          bold
color status-bar           default        default
color status-error         brightred      default       bold
color status-warning       yellow         default
color status-info          cyan           default
color prompt               brightwhite    default
color key-bar              white          color236
color key-bar-key          brightyellow   color236      bold
color column-header        brightwhite    default       bold underline
color column-header-focus  black          cyan          bold underline
color column-count         color244       default
color card                 default        default
color card-focus           black          cyan          bold
color card-selected        brightwhite    color24       underline
color card-number          cyan           default
color card-owner           default        default
color card-amount          green          default
color dim                  color244       default
color grade.a              brightgreen    default       bold
color grade.b              yellow         default
color grade.c              color244       default
color sla.on-time          green          default
color sla.due-soon         yellow         default       underline
color sla.overdue          brightred      default       bold
color sla.stalled          magenta        default       dim
color detail.label         cyan           default
color detail.value         default        default
color timeline.date        color244       default
color timeline.note        default        default       italic
color form.label           cyan           default
color form.field           default        color236
color form.field-focus     brightwhite    color24       bold
color form.placeholder     color244       color236
color form.error           brightred      default       bold
color dialog               default        color235
color dialog-border        cyan           color235
color section              brightwhite    default       bold
color search.match         black          yellow
color badge                black          magenta
color help.key             brightyellow   default       bold
color help.text            default        default
color border               color240       default
color border-focus         cyan           default       bold

"""#

    private static let lightText = #"""
# Clew light theme: for terminals with a light background.
#
#   color <element> <fg> <bg> [bold|underline|reverse|dim|italic]…
#
# Darker foregrounds than the default theme; pale backgrounds for bars and fields.

color default              default        default
color title-bar            white          blue          bold
color tab                  black          default
color tab-active           white          blue          bold
color status-bar           default        default
color status-error         red            default       bold
color status-warning       color130       default       bold
color status-info          blue           default
color prompt               black          default
color key-bar              black          color254
color key-bar-key          blue           color254      bold
color column-header        black          default       bold underline
color column-header-focus  white          blue          bold underline
color column-count         color243       default
color card                 default        default
color card-focus           white          blue          bold
color card-selected        black          color153      underline
color card-number          blue           default
color card-owner           default        default
color card-amount          green          default
color dim                  color243       default
color grade.a              green          default       bold
color grade.b              color130       default
color grade.c              color243       default
color sla.on-time          green          default
color sla.due-soon         color130       default       underline
color sla.overdue          red            default       bold
color sla.stalled          magenta        default       dim
color detail.label         blue           default
color detail.value         default        default
color timeline.date        color243       default
color timeline.note        default        default       italic
color form.label           blue           default
color form.field           black          color254
color form.field-focus     black          color153      bold
color form.placeholder     color243       color254
color form.error           red            default       bold
color dialog               black          color255
color dialog-border        blue           color255
color section              black          default       bold
color search.match         black          yellow
color badge                white          magenta
color help.key             blue           default       bold
color help.text            default        default
color border               color248       default
color border-focus         blue           default       bold

"""#

    private static let highContrastText = #"""
# Clew high-contrast theme: for low vision.
#
#   color <element> <fg> <bg> [bold|underline|reverse|dim|italic]…
#
# Bright text on black, bold throughout, no dim or grey text. Every state has both a strong
# colour and an attribute, so it does not depend on telling two colours apart.

color default              brightwhite    black
color title-bar            black          brightwhite   bold
color tab                  brightwhite    black         bold
color tab-active           black          brightyellow  bold underline
color status-bar           brightwhite    black         bold
color status-error         brightwhite    red           bold
color status-warning       black          brightyellow  bold
color status-info          brightcyan     black         bold
color prompt               brightwhite    black         bold
color key-bar              black          brightwhite
color key-bar-key          black          brightwhite   bold underline
color column-header        brightyellow   black         bold underline
color column-header-focus  black          brightyellow  bold underline
color column-count         brightwhite    black
color card                 brightwhite    black
color card-focus           black          brightyellow  bold
color card-selected        black          brightcyan    bold underline
color card-number          brightcyan     black         bold
color card-owner           brightwhite    black
color card-amount          brightgreen    black
color dim                  white          black
color grade.a              brightgreen    black         bold
color grade.b              brightyellow   black         bold
color grade.c              brightwhite    black
color sla.on-time          brightgreen    black
color sla.due-soon         brightyellow   black         bold underline
color sla.overdue          brightwhite    red           bold
color sla.stalled          brightmagenta  black         bold
color detail.label         brightcyan     black         bold
color detail.value         brightwhite    black
color timeline.date        brightcyan     black
color timeline.note        brightwhite    black
color form.label           brightcyan     black         bold
color form.field           brightwhite    black         underline
color form.field-focus     black          brightyellow  bold
color form.placeholder     white          black         underline
color form.error           brightwhite    red           bold
color dialog               brightwhite    black
color dialog-border        brightyellow   black         bold
color section              brightyellow   black         bold underline
color search.match         black          brightgreen   bold
color badge                black          brightmagenta bold
color help.key             brightyellow   black         bold
color help.text            brightwhite    black
color border               brightwhite    black
color border-focus         brightyellow   black         bold

"""#

    private static let monoText = #"""
# Clew mono theme: attributes only, no colours.
#
#   color <element> <fg> <bg> [bold|underline|reverse|dim|italic]…
#
# For monochrome terminals and NO_COLOR. States stay apart by attribute alone:
# focus is reverse, selection bold underline; SLA due soon is underline, overdue bold,
# stalled dim.

color default              default  default
color title-bar            default  default  reverse bold
color tab                  default  default
color tab-active           default  default  reverse bold
color status-bar           default  default
color status-error         default  default  bold reverse
color status-warning       default  default  bold
color status-info          default  default
color prompt               default  default
color key-bar              default  default  reverse
color key-bar-key          default  default  reverse bold
color column-header        default  default  bold underline
color column-header-focus  default  default  reverse bold
color column-count         default  default  dim
color card                 default  default
color card-focus           default  default  reverse
color card-selected        default  default  bold underline
color card-number          default  default  bold
color card-owner           default  default
color card-amount          default  default
color dim                  default  default  dim
color grade.a              default  default  bold
color grade.b              default  default
color grade.c              default  default  dim
color sla.on-time          default  default
color sla.due-soon         default  default  underline
color sla.overdue          default  default  bold
color sla.stalled          default  default  dim
color detail.label         default  default  bold
color detail.value         default  default
color timeline.date        default  default  dim
color timeline.note        default  default
color form.label           default  default  bold
color form.field           default  default  underline
color form.field-focus     default  default  reverse
color form.placeholder     default  default  dim underline
color form.error           default  default  bold
color dialog               default  default
color dialog-border        default  default  bold
color section              default  default  bold underline
color search.match         default  default  bold underline
color badge                default  default  reverse
color help.key             default  default  bold
color help.text            default  default
color border               default  default  dim
color border-focus         default  default  bold

"""#
}
