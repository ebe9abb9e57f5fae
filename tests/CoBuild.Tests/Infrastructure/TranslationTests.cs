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
    /// <summary>Methods that pass Text.T something other than a literal; each passes only the menu entries or the service categories, which are checked.</summary>
    private static readonly string[] NonLiteralCallers = ["BackOfficeLayout", "BackOfficeFrame", "StaticBackOfficeLayout", "Workbench", "ServiceMenuAdmin", "ServiceItemForm"];

    [Fact]
    public void Every_literal_given_to_Text_T_and_every_menu_entry_has_English()
    {
        var (literals, others) = TextLiterals();
        // A computed argument (a variable, or a ternary whose second literal ends in a branch) is not read here.
        Assert.All(others, type => Assert.Contains(type, NonLiteralCallers));
        Assert.Contains("共建协议", literals); // the reading works
        Assert.True(literals.Count > 300, $"found only {literals.Count} literals");

        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        try
        {
            var missing = literals.Concat(BackOfficeLayout.Items.Select(i => i.Label)).Concat(Web.Features.ServiceMenu.ServiceItem.Categories).Distinct().Where(zh => Text.T(zh) == zh).Order().ToList();
            Assert.True(missing.Count == 0, "No English for: " + string.Join("、", missing));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>String literals loaded right before a call to Text.T in the web assembly's IL (ldstr; call).</summary>
    private static (HashSet<string> Literals, HashSet<string> OtherCallers) TextLiterals()
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
        var others = new HashSet<string>();
        foreach (var h in md.MethodDefinitions)
        {
            var method = md.GetMethodDefinition(h);
            if (method.RelativeVirtualAddress == 0) continue;
            var il = pe.GetMethodBody(method.RelativeVirtualAddress).GetILBytes()!;
            for (var i = 5; i + 5 <= il.Length; i++)
            {
                if (il[i] != 0x28 || BinaryPrimitives.ReadInt32LittleEndian(il.AsSpan(i + 1)) != callT) continue;
                var token = BinaryPrimitives.ReadInt32LittleEndian(il.AsSpan(i - 4));
                if (il[i - 5] == 0x72 && token >> 24 == 0x70) found.Add(md.GetUserString(MetadataTokens.UserStringHandle(token & 0xFFFFFF)));
                else others.Add(OuterTypeName(md, method.GetDeclaringType()));
            }
        }
        return (found, others);
    }

    /// <summary>The top-level type of a method's type: Razor puts lambdas and render fragments in nested classes.</summary>
    private static string OuterTypeName(MetadataReader md, TypeDefinitionHandle type)
    {
        var t = md.GetTypeDefinition(type);
        while (t.GetDeclaringType() is { IsNil: false } outer) t = md.GetTypeDefinition(outer);
        return md.GetString(t.Name);
    }
}
