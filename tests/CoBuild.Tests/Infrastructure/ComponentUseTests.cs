using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace CoBuild.Tests.Infrastructure;

/// <summary>Library components that must not come back into the pages.</summary>
public sealed class ComponentUseTests
{
    /// <summary>
    /// AntDesign's TabPane has a finalizer that calls into its Tabs, which renders off the dispatcher and throws on the
    /// finalizer thread: one undisposed pane ended a CI run. Pages use Components/PageTabs instead.
    /// </summary>
    [Fact]
    public void Pages_do_not_use_AntDesign_tabs()
    {
        using var pe = new PEReader(File.OpenRead(typeof(Program).Assembly.Location));
        var metadata = pe.GetMetadataReader();
        var used = metadata.TypeReferences
            .Select(h => metadata.GetTypeReference(h))
            .Where(t => metadata.GetString(t.Namespace) == "AntDesign")
            .Select(t => metadata.GetString(t.Name))
            .ToHashSet();

        Assert.Contains("Button", used); // the reading works: pages do use AntDesign
        Assert.DoesNotContain("Tabs", used);
        Assert.DoesNotContain("TabPane", used);
    }
}
