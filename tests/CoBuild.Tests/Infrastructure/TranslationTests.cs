using System.Buffers.Binary;
using System.Globalization;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using CoBuild.Web.Components;
using CoBuild.Web.Components.Layout;

namespace CoBuild.Tests.Infrastructure;

/// <summary>The English switch: every fixed word the pages pass to <c>Text.T</c> has an English entry.</summary>
public sealed class TranslationTests
{
    [Fact]
    public void Every_literal_given_to_Text_T_and_every_menu_entry_has_English()
    {
        var literals = TextLiterals();
        Assert.Contains("共建协议", literals); // the reading works
        Assert.True(literals.Count > 300, $"found only {literals.Count} literals");

        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        try
        {
            var missing = literals.Concat(BackOfficeLayout.Items.Select(i => i.Label)).Distinct().Where(zh => Text.T(zh) == zh).Order().ToList();
            Assert.True(missing.Count == 0, "No English for: " + string.Join("、", missing));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>String literals loaded right before a call to Text.T in the web assembly's IL (ldstr; call).</summary>
    private static HashSet<string> TextLiterals()
    {
        using var pe = new PEReader(File.OpenRead(typeof(Program).Assembly.Location));
        var md = pe.GetMetadataReader();
        var t = md.MethodDefinitions.Single(h =>
        {
            var m = md.GetMethodDefinition(h);
            var type = md.GetTypeDefinition(m.GetDeclaringType());
            return md.GetString(m.Name) == "T" && md.GetString(type.Name) == nameof(Text);
        });
        var callT = MetadataTokens.GetToken(t);
        var found = new HashSet<string>();
        foreach (var h in md.MethodDefinitions)
        {
            var rva = md.GetMethodDefinition(h).RelativeVirtualAddress;
            if (rva == 0) continue;
            var il = pe.GetMethodBody(rva).GetILBytes()!;
            for (var i = 0; i + 10 <= il.Length; i++)
            {
                if (il[i] != 0x72 || il[i + 5] != 0x28 || BinaryPrimitives.ReadInt32LittleEndian(il.AsSpan(i + 6)) != callT) continue;
                var token = BinaryPrimitives.ReadInt32LittleEndian(il.AsSpan(i + 1));
                if (token >> 24 == 0x70) found.Add(md.GetUserString(MetadataTokens.UserStringHandle(token & 0xFFFFFF)));
            }
        }
        return found;
    }
}
