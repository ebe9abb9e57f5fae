using CoBuild.Web.Features.Members;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.PersonalData;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Imports;

internal static class MemberImport
{
    public static readonly ImportColumn[] Columns =
    [
        new("姓名", true, "", 32),
        new("身份证号", true, "18 位，按 GB 11643 校验；本列为文本格式，请勿改为数字", Text: true),
        new("手机号", false, "11 位", Text: true),
        new("职业", false, "如：机关干部、医生、教师", 32),
        new("工作单位", false, "驻区单位名称（须已在系统中）"),
        new("居住街道", true, "双报到的街道，如：府山街道"),
        new("居住社区", true, "双报到的社区，如：蕺山社区"),
        new("网格", false, "如：第1网格"),
        new("技能特长", false, "多个用顿号分隔", 200),
        new("服务意向", false, "", 200),
    ];

    public const string StoredAsNumber = "身份证号被存成了数字，请将该列设为文本后重填";

    public static async Task<List<PartyMember>> Validate(List<SheetRow> rows, ImportPlaces places, AppDbContext db, PersonalDataProtector protector,
        int districtId, DateOnly today, CancellationToken ct)
    {
        var existing = (await db.PartyMembers.Where(m => m.DistrictId == districtId).Select(m => m.IdCardHash).ToListAsync(ct)).ToHashSet();
        var partyOfUnit = await db.PartyOrganizations.Where(p => p.ResidentUnitId != null)
            .GroupBy(p => p.ResidentUnitId!.Value).Select(g => new { g.Key, Id = g.Min(p => p.Id) }).ToDictionaryAsync(x => x.Key, x => x.Id, ct);
        var result = new List<PartyMember>();
        var seen = new Dictionary<string, int>();
        foreach (var row in rows)
        {
            var name = row.Required("姓名");
            if (name.Length > 32) row.Error("姓名", "不超过 32 个字");

            var idText = row.Required("身份证号");
            ProtectedIdCard? id = null;
            if (idText.Length > 0)
            {
                // a number has lost its last digits (and any X): no check on it can say anything useful
                if (row.IsNumber("身份证号")) row.Error("身份证号", StoredAsNumber);
                else if (IdCardNumber.Validate(idText) is { } reason) row.Error("身份证号", reason);
                else
                {
                    id = protector.Protect(idText);
                    if (seen.TryGetValue(id.Hash, out var first)) { row.Error("身份证号", $"与第 {first} 行重复"); id = null; }
                    else if (existing.Contains(id.Hash)) { row.Error("身份证号", "该党员已在系统中"); id = null; }
                    else seen[id.Hash] = row.Number;
                }
            }

            var phone = row.Text("手机号");
            if (phone is not null && !PhoneNumber.IsValid(phone)) row.Error("手机号", "应为 11 位数字，以 1 开头");

            var unit = places.Unit(row, "工作单位", required: false);
            var street = places.Street(row, "居住街道");
            var community = places.Community(row, street, "居住社区");
            var grid = places.Grid(row, community, "网格");

            if (id is not null && community is not null && name.Length is > 0 and <= 32 && (phone is null || PhoneNumber.IsValid(phone)))
            {
                var member = new PartyMember(districtId, name, id, phone, row.Text("职业"), unit?.Id,
                    unit is not null && partyOfUnit.TryGetValue(unit.Id, out var party) ? party : null);
                member.ReportTo(community, grid?.Id, row.Text("技能特长"), row.Text("服务意向"), today);
                result.Add(member);
            }
        }
        return result;
    }
}
