using CoBuild.Web.Infrastructure.ErrorHandling;

namespace CoBuild.Web.Features.Menus;

/// <summary>
/// A node of the category tree that sorts all three lists: a top category ("A 阵地资源") or a group under it
/// ("A02 会议活动室"). Items hang on groups. The tree is configuration (district admin), not code.
/// </summary>
public sealed class MenuCategory
{
    private MenuCategory() { }

    public MenuCategory(int districtId, MenuCategory? parent, string code, string name, int sortOrder)
    {
        code = code?.Trim() ?? "";
        name = name?.Trim() ?? "";
        if (code.Length is 0 or > 16 || !code.All(char.IsAsciiLetterOrDigit)) throw new InvalidInput("code", "分类编码为 1 到 16 位字母或数字。");
        if (name.Length is 0 or > 32) throw new InvalidInput("name", "分类名称不能为空，且不超过 32 个字。");
        if (parent?.ParentId is not null) throw new InvalidInput("parentCode", "分类只有两级：大类和小组。");
        DistrictId = districtId;
        ParentId = parent?.Id;
        Code = code;
        Name = name;
        SortOrder = sortOrder;
    }

    public int Id { get; private set; }
    public int DistrictId { get; private set; }
    public int? ParentId { get; private set; }
    public MenuCategory? Parent { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public int SortOrder { get; private set; }

    public bool IsGroup => ParentId is not null;
}
