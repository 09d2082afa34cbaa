import type { LexiconSpec } from './types.ts';

/**
 * German. Written for this project from general knowledge; no entry was taken from a data set or package.
 * Entries are written with umlauts: German text folds ä, ö, ü to ae, oe, ue (normalize.ts), so "schön"
 * also matches "schoen" and no longer "schon" (already).
 */
export const de: LexiconSpec = {
  positive: `willkommen, love, happy, good, lachen, traumhaft*, gut, gute, guter, gutes, gutem, guten, besser*, schnell*, zügig*, freundlich*, hilfsbereit*, zufrieden*,
    danke*, dank, dankbar*, lieb*, mögen, gern, gerne, nett*, höflich*, sympathisch*, angenehm*, bequem*,
    praktisch*, übersichtlich*, einfach zu, unkompliziert*, problemlos*, reibungslos*, einwandfrei*, günstig*,
    preiswert*, fair, faire*, fairer*, pünktlich*, zuverlässig*, kompetent*, professionell*, sauber*, lecker*,
    glücklich*, froh*, fröhlich*, freue, freut, freuen, freude, gefreut, spaß, cool, lustig*, witzig*, interessant*, schön, schöne, schönen, schöner, schönes,
    schönem, hübsch*, hoffnung*, erfolg*, gewonnen, gewinn*, glückwunsch*, glückwünsch*, gratul*, stolz*, geschafft,
    gelöst, funktioniert*, klappt*, geklappt, ok, okay, passt, empfehl*, lob*, gelungen*, ordentlich*, solide*,
    korrekt*, kulant*, entgegenkommend*, schnelle lieferung, gut verpackt, wie beschrieben, rechtzeitig, haha*,
    lol, yeah, juhu, endlich, wow, nice`,
  strongPositive: `super, toll*, klasse, prima, perfekt*, ausgezeichnet*, hervorragend*, großartig*, grossartig*,
    wunderbar*, wunderschön*, fantastisch*, phantastisch*, genial*, spitze, spitzenmäßig*, top, bester, beste*,
    bestens, begeistert*, liebe, lieben, liebt, geliebt, unglaublich gut, sehr zu empfehlen, absolut empfehlenswert,
    empfehlenswert*, traumhaft*, grandios*, sensationell*, exzellent*, herrlich*, geil*, mega, 1a, a+, fünf sterne`,
  negative: `kopfschmerz*, seufz*, shit, schlecht*, schlimm*, mies*, langsam*, spät*, verspät*, verzöger*, lange gewartet, warten, gewartet,
    teuer*, überteuert*, kaputt*, defekt*, beschädigt*, fehler*, fehlerhaft*, falsch*, problem*, mangel*, mängel*,
    mangelhaft*, unfreundlich*, unhöflich*, frech*, arrogant*, inkompetent*, unzuverlässig*, umständlich*,
    kompliziert*, unübersichtlich*, unzufrieden*, leider, traurig*, wut*, wütend*, sauer, nervig*, genervt*,
    nervt, doof*, blöd*, dumm*, dümm*, ärger*, ärgerlich*, angst*, ängst*, besorgt*, gefahr*, gefährlich*, gefährd*,
    hässlich*, krieg*, tot, tod*, tödlich*,
    töten, getötet, mord*, terror*, peinlich*, schade, schande, unfair*, ungerecht*, langweilig*, öde, müde*,
    krank*, schmerz*, leid, leiden, verloren, verlust*, fehlt, fehlen*, fehlte, gefehlt, unvollständig*,
    reklamation*, beschwer*, storniert, storno, rücksendung*, zurückgeschickt, erstattung*, keine antwort,
    nicht erreichbar, funktioniert nicht, geht nicht, nicht angekommen, nie angekommen, schwierig*, schwer*,
    schmutzig*, dreckig*, kalt, enttäuscht*, enttäuschend*, enttäuschung*, mittelmäßig*, naja, na ja, meh, ugh,
    sorry, lüge*, gelogen, irre*, verrückt*, kritik*, kritisch*, hass*, hasse*, böse*,
    gemein*, lächerlich*, absurd*, schlechter*, verschlechter*, problematisch*`,
  strongNegative: `furchtbar*, schrecklich*, katastroph*, katastrophal*, scheiße, scheiss*, scheiß*, mist, müll, betrug*,
    betrüger*, betrüg*, abzocke*, abgezockt, lügner*, skandal*, unverschämt*, frechheit, zumutung, unmöglich*, nie wieder,
    finger weg, grauenhaft*, grauenvoll*, entsetzlich*, ekelhaft*, widerlich*, unerträglich*, unterirdisch*,
    schlechteste*, schlimmste*, nicht zu empfehlen, keine empfehlung, nicht empfehlenswert, geldverschwendung,
    zeitverschwendung, totaler reinfall, reinfall, desaster*, albtraum*, alptraum*, hasse, fürchterlich*`,
  neutral: `schon, schonen, lieber, liebe grüße, lg, gute nacht, guten morgen, guten tag, guten abend, gute reise,
    leid tut, danke im voraus`,
  negators: `nicht, kein, keine, keinen, keinem, keiner, keines, nie, niemals, nichts, niemand, ohne, weder, kaum, nix`,
  intensifiers: `sehr, wirklich, echt, total, extrem, absolut, völlig, voll, super, richtig, besonders, so, zu, ganz,
    äußerst, ausgesprochen, unglaublich, mega, ziemlich, höchst, überaus, dermaßen, viel zu, tierisch`,
  diminishers: `etwas, bisschen, ein bisschen, leicht, eher, fast, teilweise, relativ, einigermaßen, halbwegs`,
  contrast: `aber, jedoch, allerdings, trotzdem, dennoch, obwohl, sondern, leider`,
};
