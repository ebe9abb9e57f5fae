namespace CoBuild.Web.Features.Demo;

/// <summary>Names for the Yuecheng demo district. Street names are real; most community and unit names are made up.</summary>
internal static class DemoNames
{
    public const string District = "越城区";
    public const string DistrictCode = "330602";

    /// <summary>Street and how many communities it has: 101 in all.</summary>
    public static readonly (string Name, int Communities, bool RedCube)[] Streets =
    [
        ("府山街道", 12, true), ("塔山街道", 9, true), ("北海街道", 9, true), ("城南街道", 8, false),
        ("稽山街道", 8, false), ("迪荡街道", 9, true), ("东湖街道", 7, false), ("灵芝街道", 7, false),
        ("东浦街道", 6, true), ("鉴湖街道", 8, true), ("斗门街道", 6, false), ("皋埠街道", 7, false),
        ("马山街道", 5, true),
    ];

    public static readonly string[] FushanCommunities =
        ["蕺山社区", "仓桥社区", "西小路社区", "府山社区", "越都社区", "新河社区", "鲁迅社区", "北海桥社区", "塔山社区", "书圣社区", "八字桥社区", "题扇桥社区"];

    public static readonly string[] CommunityWords =
    [
        "稽山", "兰亭", "鉴湖", "若耶", "曹娥", "会稽", "越秀", "南池", "东湖", "秋瑾", "青藤", "沈园", "大禹", "柯岩",
        "迎恩", "昌安", "凤林", "环城", "中兴", "解放", "胜利", "延安", "人民", "和畅", "咸亨", "水澄", "梅山", "城东",
        "城西", "五云", "云栖", "百合", "香林", "银湖", "金色", "锦麟", "玉山", "长桥", "望花", "荷湖", "春晖", "光明",
        "景和", "塔山南", "西郭", "龙山", "偏门", "禹陵", "陶堰", "皋埠", "马山", "斗门", "东浦", "灵芝", "迪荡", "镜湖",
        "梅龙", "白马", "宝珠", "金湖", "汇缘", "越州", "大通", "新建", "北辰", "南门", "东街", "西街", "月华", "东鉴",
        "华舍", "孙端", "富盛", "袍江", "三江", "海塘", "龙华", "安昌", "龙江", "福全", "漓渚", "兴越", "悦来", "古城",
        "新民", "前梅", "亭山", "凤凰", "杏花", "绿景", "江南", "蓝天", "城中", "中泽", "禹香", "后墅", "越秀北",
    ];

    public static readonly string[] FushanFamousUnits =
    [
        "绍兴市城市排水有限公司", "绍兴市人民医院", "绍兴市第一中学", "国网绍兴供电公司府山供电所", "绍兴市水务集团",
        "绍兴市中医院", "鲁迅中学", "绍兴文理学院附属医院", "中国银行绍兴分行", "绍兴市燃气有限公司",
    ];

    public static readonly (string Suffix, Organizations.UnitKind Kind)[] UnitTypes =
    [
        ("科技有限公司", Organizations.UnitKind.Enterprise), ("建设集团有限公司", Organizations.UnitKind.Enterprise),
        ("纺织有限公司", Organizations.UnitKind.Enterprise), ("商贸有限公司", Organizations.UnitKind.Enterprise),
        ("社区卫生服务中心", Organizations.UnitKind.Hospital), ("口腔医院", Organizations.UnitKind.Hospital),
        ("实验小学", Organizations.UnitKind.School), ("初级中学", Organizations.UnitKind.School), ("幼儿园", Organizations.UnitKind.School),
        ("供电所", Organizations.UnitKind.Utility), ("自来水营业所", Organizations.UnitKind.Utility),
        ("邮政支局", Organizations.UnitKind.Utility), ("税务分局", Organizations.UnitKind.Government),
        ("市场监管所", Organizations.UnitKind.Government), ("派出所", Organizations.UnitKind.Government),
        ("农商银行支行", Organizations.UnitKind.Enterprise), ("物业服务有限公司", Organizations.UnitKind.Enterprise),
        ("律师事务所", Organizations.UnitKind.SocialOrganization), ("养老服务中心", Organizations.UnitKind.SocialOrganization),
        ("酒店有限公司", Organizations.UnitKind.Enterprise),
    ];

    /// <summary>The 17 district departments that own standards and receive escalations.</summary>
    public static readonly string[] Departments =
    [
        "区住房和城乡建设局", "区民政局", "区卫生健康局", "区教育体育局", "区财政局", "区人力资源和社会保障局",
        "区综合行政执法局", "区市场监督管理局", "区司法局", "区文化广电旅游局", "区农业农村局", "区应急管理局",
        "区退役军人事务局", "区医疗保障局", "区公安分局", "区自然资源和规划分局", "区生态环境分局",
    ];

    public static readonly string[] Surnames =
        ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "高", "罗", "沈", "钱", "金", "俞", "谢", "宋", "章", "蒋", "魏", "丁"];

    public static readonly string[] GivenNames =
    [
        "建国", "晓燕", "志强", "丽华", "国栋", "海燕", "文杰", "秀英", "伟", "敏", "静", "磊", "婷", "军", "洁", "勇",
        "杰", "娟", "涛", "明", "超", "霞", "平", "刚", "桂英", "玉兰", "建华", "立新", "红梅", "晓东", "佳怡", "子涵",
        "浩然", "梓萱", "宇航", "欣怡", "俊杰", "雨桐", "思远", "嘉诚",
    ];

    public static readonly string[] Occupations = ["机关干部", "医生", "教师", "企业职工", "工程技术人员", "金融从业人员"];

    public static readonly string[] Skills =
        ["老人走访", "作业辅导", "义诊", "法律咨询", "文艺演出", "水电维修", "心理疏导", "政策宣讲", "垃圾分类督导", "助餐配送"];
}
