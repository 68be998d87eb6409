import ClewDomain
import ClewServices
