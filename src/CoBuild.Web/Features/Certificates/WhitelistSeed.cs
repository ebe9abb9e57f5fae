namespace CoBuild.Web.Features.Certificates;

/// <summary>
/// Edition 1 of a district's list as the demo starts it: the removed certificates named in the national first batch
/// (DOMAIN.md) with where residents go instead, and the ones kept (居住证明, 居(租)住证明). The alternatives are our
/// wording of the usual routes; a district reviews them when it publishes its own edition.
/// </summary>
public static class WhitelistSeed
{
    private const string RemovedBasis = "列入第一批取消的证明事项";

    public static readonly CertificateTypeInput[] Types =
    [
        new("residence", "居住证明", CertificateStatus.Allowed, "保留证明事项：社区可据实出具本辖区居民的居住情况", null),
        new("rental-residence", "居(租)住证明", CertificateStatus.Allowed, "保留证明事项：租住人员申领居住证、子女入学等需要时，社区据实出具", null),
        new("kinship", "亲属关系证明", CertificateStatus.Removed, RemovedBasis, "凭户口簿、结婚证、出生医学证明等证件证明；证件不能反映的，到户籍所在地公安派出所依户籍档案查询"),
        new("identity", "居民身份信息证明", CertificateStatus.Removed, RemovedBasis, "凭居民身份证、户口簿；需户籍信息的，到公安派出所户籍窗口查询"),
        new("no-criminal-record", "无犯罪记录证明", CertificateStatus.Removed, RemovedBasis, "到户籍地或居住地公安派出所申请开具"),
        new("marital-status", "婚姻状况证明", CertificateStatus.Removed, RemovedBasis, "凭结婚证、离婚证，或到民政部门婚姻登记机关查询婚姻登记记录；无登记记录的由本人书面承诺"),
        new("birth", "出生证明", CertificateStatus.Removed, RemovedBasis, "由接生的医疗机构签发《出生医学证明》"),
        new("alive", "健在证明", CertificateStatus.Removed, RemovedBasis, "养老金领取资格通过人力社保部门的人脸识别认证或上门核实；其他用途由本人书面承诺"),
        new("death", "死亡证明", CertificateStatus.Removed, RemovedBasis, "由医疗卫生机构出具《居民死亡医学证明（推断）书》；非正常死亡由公安机关出具"),
        new("illness", "疾病状况证明", CertificateStatus.Removed, RemovedBasis, "由就诊的医疗机构出具诊断证明"),
        new("disability", "残疾状况证明", CertificateStatus.Removed, RemovedBasis, "凭区残联核发的《中华人民共和国残疾人证》"),
        new("property", "居民财产证明", CertificateStatus.Removed, RemovedBasis, "到不动产登记机构、车辆管理所、开户银行等按各自职责查询或出具"),
        new("lost-document", "证件遗失证明", CertificateStatus.Removed, RemovedBasis, "向原发证机关申请挂失、补办；需要时由本人书面声明"),
    ];

    public const string Notes = "社区只能出具本清单保留的证明；已取消的证明不得出具，应告知群众替代办理途径。";
}
