using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.PersonalData;

namespace CoBuild.Web.Features.Imports;

/// <summary>
/// All-or-nothing import: the whole file is checked first; any bad row rejects it with a row/column/reason
/// report and nothing is saved. A good file is saved in one transaction, in batches, reporting progress.
/// </summary>
internal sealed class ImportService(AppDbContext db, PersonalDataProtector protector, TimeProvider clock)
{
    private const int Batch = 500;

    public static IReadOnlyList<ImportColumn> ColumnsOf(ImportKind kind) => kind switch
    {
        ImportKind.Units => UnitImport.Columns,
        ImportKind.PartyOrganizations => PartyOrganizationImport.Columns,
        ImportKind.Needs => MenuImport.NeedColumns,
        ImportKind.Resources => MenuImport.ResourceColumns,
        _ => MemberImport.Columns,
    };

    public static string FileName(ImportKind kind) => kind switch
    {
        ImportKind.Units => "驻区单位",
        ImportKind.PartyOrganizations => "党组织",
        ImportKind.Needs => "需求清单",
        ImportKind.Resources => "资源清单",
        _ => "党员双报到",
    };

    /// <summary>Progress is reported as (done, total) rows: checking first, then saving.</summary>
    public async Task<ImportReport> ImportAsync(ImportKind kind, Stream xlsx, Caller caller, IProgress<(string Phase, int Done, int Total)>? progress, CancellationToken ct)
    {
        var errors = new List<ImportError>();
        var rows = ImportSheet.Read(xlsx, ColumnsOf(kind), errors);
        if (errors.Count > 0) return new ImportReport(rows.Count, 0, errors);
        progress?.Report(("校验", 0, rows.Count));

        var places = await ImportPlaces.LoadAsync(db, caller, ct);
        IReadOnlyList<object> entities = kind switch
        {
            ImportKind.Units => UnitImport.Validate(rows, places, caller.DistrictId),
            ImportKind.PartyOrganizations => await PartyOrganizationImport.Validate(rows, places, db, caller.DistrictId, ct),
            ImportKind.Needs => await MenuImport.ValidateNeeds(rows, places, db, caller.DistrictId, caller.UserName, clock.GetUtcNow(), ct),
            ImportKind.Resources => await MenuImport.ValidateResources(rows, places, db, caller.DistrictId, clock.GetUtcNow(), ct),
            _ => await MemberImport.Validate(rows, places, db, protector, caller.DistrictId, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct),
        };
        progress?.Report(("校验", rows.Count, rows.Count));
        if (errors.Count > 0) return new ImportReport(rows.Count, 0, errors.OrderBy(e => e.Row).ToList());

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        for (var i = 0; i < entities.Count; i += Batch)
        {
            db.AddRange(entities.Skip(i).Take(Batch));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            progress?.Report(("保存", Math.Min(i + Batch, entities.Count), entities.Count));
        }
        await tx.CommitAsync(ct);
        return new ImportReport(rows.Count, entities.Count, []);
    }
}
