using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CoBuild.Web.Infrastructure.OpenApi;

/// <summary>
/// Strings go through ControlCharacterConverter, a custom converter, so the generator cannot tell their JSON type and
/// leaves an empty schema (a generated client then types every string <c>unknown</c>); they are strings.
/// </summary>
internal sealed class StringSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (context.JsonTypeInfo.Type == typeof(string) && schema.Type is null && schema.AnyOf is null && schema.OneOf is null)
            schema.Type = context.JsonPropertyInfo is { IsGetNullable: false, IsSetNullable: false }
                ? JsonSchemaType.String
                : JsonSchemaType.String | JsonSchemaType.Null;
        return Task.CompletedTask;
    }
}
