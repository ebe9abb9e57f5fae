using System.Security.Cryptography;
using System.Text;

namespace CoBuild.Web.Infrastructure.Idempotency;

/// <summary>
/// The per-render token of a posted form (<c>&lt;FormToken /&gt;</c>), kept in the same table as API keys: the first post
/// with a token runs, a second one (a double click, a resent form) changes nothing and is sent where the first went.
/// </summary>
internal sealed class FormOnce(IdempotencyStore store)
{
    public const string Field = "_formToken";

    /// <summary>Claims the posted form's token for this caller; a form without one (an old page) runs as before.</summary>
    public async Task<FormSubmission> BeginAsync(HttpContext http, string formName)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (!Guid.TryParse(form[Field], out var token)) return new FormSubmission(store, null, null, null);
        var request = IdempotencyStore.RequestOf("FORM", http.Request.Path + "#" + formName);
        var claim = await store.ClaimAsync(IdempotencyStore.CallerOf(http), "form:" + token.ToString("N"), request, Hash(form), http.RequestAborted);
        return claim switch
        {
            KeyClaim.Granted g => new FormSubmission(store, g.Id, null, null),
            KeyClaim.Done { Record.Location: { } target } => new FormSubmission(store, null, target, null),
            KeyClaim.Done => new FormSubmission(store, null, null, "这张表单已经提交过了，请刷新页面查看结果。"),
            KeyClaim.Mismatch => new FormSubmission(store, null, null, "这张表单已经提交过了，如需再次提交，请刷新页面后重新填写。"),
            _ => new FormSubmission(store, null, null, "上一次提交仍在处理中，请稍后刷新页面查看结果。"),
        };
    }

    /// <summary>What was posted, without the antiforgery token (the same page sends the same one); files by name and size.</summary>
    private static string Hash(IFormCollection form)
    {
        var text = new StringBuilder();
        foreach (var (name, values) in form.OrderBy(f => f.Key, StringComparer.Ordinal))
            if (name != "__RequestVerificationToken") text.Append(name).Append('=').AppendJoin('\u001f', values.Select(v => v ?? "")).Append('\u001e');
        foreach (var file in form.Files) text.Append(file.Name).Append(':').Append(file.FileName).Append(':').Append(file.Length).Append('\u001e');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}

/// <summary>One posted form: <see cref="Replay"/> (go where the first post went) or <see cref="Refused"/> (show it), else run and call <see cref="DoneAsync"/>.</summary>
internal sealed class FormSubmission(IdempotencyStore store, long? id, string? replay, string? refused) : IAsyncDisposable
{
    private long? _id = id;

    /// <summary>Where the first post with this token was sent; send this one there too.</summary>
    public string? Replay { get; } = replay;

    /// <summary>Why this post does nothing, for the form to show.</summary>
    public string? Refused { get; } = refused;

    /// <summary>Records where the form sends the user, so a repeat goes there too.</summary>
    public async Task DoneAsync(string target)
    {
        if (_id is not { } id) return;
        _id = null;
        await store.CompleteAsync(id, StatusCodes.Status303SeeOther, null, target, []);
    }

    /// <summary>A post that ended without <see cref="DoneAsync"/> (the form shows an error) frees its token for the corrected post.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_id is { } id) await store.ReleaseAsync(id);
        _id = null;
    }
}
