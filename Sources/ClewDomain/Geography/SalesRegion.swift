/// China's conventional sales regions (大区) and the cities in them, so a lead registered with
/// a city lands in the right region's pool, queue and search ("华东" finds a lead in 杭州).
public enum SalesRegion {
    /// Region name → its provinces' major cities.
    public static let cities: [String: [String]] = [
        "华东": ["上海", "杭州", "宁波", "温州", "嘉兴", "绍兴", "金华", "台州", "南京", "苏州", "无锡", "常州", "南通", "徐州", "扬州",
                "合肥", "芜湖", "福州", "厦门", "泉州", "济南", "青岛", "烟台", "潍坊", "南昌", "赣州"],
        "华南": ["广州", "深圳", "东莞", "佛山", "珠海", "中山", "惠州", "汕头", "南宁", "柳州", "桂林", "海口", "三亚"],
        "华北": ["北京", "天津", "石家庄", "唐山", "保定", "太原", "大同", "呼和浩特", "包头"],
        "华中": ["武汉", "宜昌", "襄阳", "长沙", "株洲", "岳阳", "郑州", "洛阳"],
        "西南": ["成都", "绵阳", "重庆", "昆明", "贵阳", "拉萨"],
        "西北": ["西安", "兰州", "西宁", "银川", "乌鲁木齐"],
        "东北": ["沈阳", "大连", "长春", "吉林", "哈尔滨", "大庆"],
    ]

    private static let regionOfCity: [String: String] = {
        var map: [String: String] = [:]
        for (region, list) in cities { for city in list { map[city] = region } }
        return map
    }()

    /// The region a city belongs to; accepts `杭州` and `杭州市`.
    public static func region(ofCity city: String) -> String? {
        let name = TextNormalization.trimmed(city)
        if let region = regionOfCity[name] { return region }
        if name.hasSuffix("市") { return regionOfCity[String(name.dropLast())] }
        return nil
    }
}
