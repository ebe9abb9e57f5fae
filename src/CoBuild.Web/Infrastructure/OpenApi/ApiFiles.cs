namespace CoBuild.Web.Infrastructure.OpenApi;

/// <summary>An endpoint that reads a multipart form by hand: the file field, whether it repeats, and the other fields (as <paramref name="Fields"/>'s properties).</summary>
public sealed record UploadMetadata(string FileField, bool Multiple, Type? Fields);

/// <summary>How upload and download routes declare their bodies for the OpenAPI document (and so for generated clients).</summary>
public static class ApiFiles
{
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Pdf = "application/pdf";

    /// <summary>A multipart/form-data body with <paramref name="fileField"/>; with <paramref name="fields"/> the same fields are also accepted as JSON.</summary>
    public static RouteHandlerBuilder AcceptsUpload(this RouteHandlerBuilder route, string fileField, bool multiple = false, Type? fields = null) =>
        route.WithMetadata(new UploadMetadata(fileField, multiple, fields));

    /// <summary>A 200 whose body is a file of <paramref name="contentType"/> (the document types it as binary).</summary>
    public static RouteHandlerBuilder ProducesFile(this RouteHandlerBuilder route, string contentType) =>
        route.Produces(StatusCodes.Status200OK, typeof(Stream), contentType);
}
