using Scalar.AspNetCore;

namespace CoBuild.Web.Infrastructure.OpenApi;

/// <summary>The OpenAPI document at /openapi/v1.json and its reader at /api/docs.</summary>
internal static class OpenApiSetup
{
    public static IServiceCollection AddAppOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.AddSchemaTransformer<StringSchemaTransformer>();
            o.AddOperationTransformer<OperationTransformer>();
            o.AddDocumentTransformer<DocumentTransformer>();
        });

    /// <summary><c>OpenApi:Public</c>; unset means public in Development and for signed-in callers only elsewhere.</summary>
    public static bool IsPublic(IConfiguration config, IHostEnvironment env) =>
        bool.TryParse(config["OpenApi:Public"], out var on) ? on : env.IsDevelopment();

    public static void MapAppOpenApi(this WebApplication app)
    {
        var document = app.MapOpenApi();
        // Its web fonts would come from fonts.scalar.com, which the Content-Security-Policy (and a network without internet) refuses.
        var reader = app.MapScalarApiReference("/api/docs", o => o.WithTitle("CoBuild 共建 API").DisableDefaultFonts());
        if (IsPublic(app.Configuration, app.Environment))
        {
            document.AllowAnonymous();
            reader.AllowAnonymous();
        }
        else
        {
            document.RequireAuthorization();
            reader.RequireAuthorization();
        }
    }
}
