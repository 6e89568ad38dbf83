"""A small graph made by hand, as the reader would have made it from two articles we wrote."""
from kg.graph import merge_edge, merge_node, new_graph

BASE = "https://example.org/kg/"
ONE = BASE + "article/1111111111111111"
TWO = BASE + "article/2222222222222222"
TEXTS = {
    ONE: "Sandra Howard, 62, met Mrs Howard's friends in Leeds. Labour said they were all jailed.",
    TWO: "Jane Roe, a surgeon, spoke for Labour. Jane Roe scored twice for Leeds United.",
}


def person(name):
    return BASE + "person/" + name.lower().replace(" ", "-")


SANDRA, HOWARD = person("Sandra Howard"), person("Howard") + "--11111111"
LABOUR_1, LABOUR_2 = person("Labour") + "--11111111", person("Labour") + "--22222222"
JANE, LEEDS, ARREST = person("Jane Roe"), BASE + "place/leeds", BASE + "event/1111111111111111-arrestjail-72"
PARTY = BASE + "organization/labour"


def span(G, article, text, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = TEXTS[article].index(text, start + 1)
    node = f"{article}#char={start},{start + len(text)}"
    merge_node(G, node, type="TextSpan", startOffset=start, endOffset=start + len(text), text=text)
    merge_edge(G, node, article, "isPartOf")
    return node


def sentence(G, article, n):
    text = TEXTS[article].split(". ")[n]
    return span(G, article, text)


def made_by_hand():
    G = new_graph()
    for article, name in ((ONE, "one.txt"), (TWO, "two.txt")):
        merge_node(G, article, type="NewsArticle", identifier=[name], datePublished="2024-05-01")
    merge_node(G, SANDRA, type="Person", name="Sandra Howard", age=62,
               literalEvidence=[["age", 62, 0.9, [sentence(G, ONE, 0)], ["age.apposition"]]])
    merge_node(G, HOWARD, type="Person", name="Howard", alternateName=["Mrs Howard"], honorificPrefix=["Mrs"])
    merge_node(G, LEEDS, type="Place", name="Leeds")
    merge_node(G, LABOUR_1, type="Person", name="Labour")
    merge_node(G, LABOUR_2, type="Person", name="Labour")
    merge_node(G, PARTY, type="Organization", name="Labour Party", alternateName=["Labour"])
    merge_node(G, JANE, type="Person", name="Jane Roe", jobTitle=["surgeon"],
               literalEvidence=[["jobTitle", "surgeon", 0.8, [sentence(G, TWO, 0)], ["job.apposition"]]])
    merge_node(G, ARREST, type="ArrestJail", name="arrest of Labour")
    merge_edge(G, ONE, SANDRA, "mentions", 0.9, [span(G, ONE, "Sandra Howard")], ["mention.name"])
    merge_edge(G, ONE, HOWARD, "mentions", 0.8, [span(G, ONE, "Mrs Howard")], ["mention.title"])
    merge_edge(G, ONE, LEEDS, "mentions", 0.9, [span(G, ONE, "Leeds")], ["mention.gazetteer"])
    merge_edge(G, ONE, LABOUR_1, "mentions", 0.6, [span(G, ONE, "Labour")], ["mention.capital"])
    merge_edge(G, TWO, LABOUR_2, "mentions", 0.6, [span(G, TWO, "Labour")], ["mention.capital"])
    merge_edge(G, TWO, JANE, "mentions", 0.9, [span(G, TWO, "Jane Roe"), span(G, TWO, "Jane Roe", 1)],
               ["mention.name"])
    merge_edge(G, ONE, ARREST, "mentions", 0.7, [span(G, ONE, "jailed")], ["event.verb:jail"])
    merge_edge(G, ARREST, LABOUR_1, "person", 0.7, [sentence(G, ONE, 1)], ["role.subject"])
    merge_edge(G, HOWARD, SANDRA, "spouse", 0.5, [sentence(G, ONE, 0)], ["family.possessive"])
    merge_edge(G, LABOUR_2, JANE, "spouse", 0.4, [sentence(G, TWO, 0)], ["family.possessive"])
    merge_edge(G, JANE, LEEDS, "homeLocation", 0.5, [sentence(G, TWO, 1)], ["home.for"])
    return G
