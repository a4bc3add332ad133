using YamlDotNet.RepresentationModel;

namespace ClaimsApi.Seeding;

/// <summary>
/// Maps a value's path in a YAML document (<c>statements[3].exact</c>) to its line and column, so that an
/// error found after binding can still point at the place in the file.
/// </summary>
internal sealed class YamlLocations
{
    private readonly Dictionary<string, (int Line, int Column)> _locations = new(StringComparer.Ordinal);

    public YamlLocations(YamlStream stream)
    {
        if (stream.Documents.Count > 0)
        {
            Walk(stream.Documents[0].RootNode, "");
        }
    }

    /// <summary>The location of <paramref name="path"/>, or of its nearest ancestor that exists.</summary>
    public (int Line, int Column) Of(string path)
    {
        while (true)
        {
            if (_locations.TryGetValue(path, out var location))
            {
                return location;
            }

            var cut = path.LastIndexOfAny(['.', '[']);
            if (cut <= 0)
            {
                return _locations.GetValueOrDefault("", (1, 1));
            }

            path = path[..cut];
        }
    }

    private void Walk(YamlNode node, string path)
    {
        _locations[path] = ((int)node.Start.Line, (int)node.Start.Column);
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    var name = key is YamlScalarNode scalar ? scalar.Value : key.ToString();
                    Walk(value, path.Length == 0 ? name! : $"{path}.{name}");
                }

                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    Walk(sequence.Children[i], $"{path}[{i}]");
                }

                break;
        }
    }
}
