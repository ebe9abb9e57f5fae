using Microsoft.AspNetCore.Components;

namespace CoBuild.Web.Components.Tables;

/// <summary>A column of <see cref="DataTable{TItem}"/>: a title and either a value or a template per row.</summary>
public sealed record DataColumn<TItem>(string Title, Func<TItem, object?>? Value = null, string? Class = null, int? Width = null, RenderFragment<TItem>? Template = null);
