import type { LexiconSpec } from './types.ts';

/**
 * Turkish. Written for this project from general knowledge of review language; no entry was taken from
 * a data set or another package. Text is folded (ı→i, ş→s, ğ→g, ç→c, ö→o, ü→u), so entries match
 * reviews typed without Turkish letters. Suffixes are covered by stems (`*`); `~` marks verb stems whose
 * negative form (-me/-ma: beğenmedim, sevmiyorum, beğenmez) flips their polarity.
 */
export const tr: LexiconSpec = {
  positive: `iyi*, guzel*, hos*, tatli*, sevimli*, begen~, sev~, sevin~, hosuma git*, hosuma gitti, ilgi cekici*,
    basari*, etkileyici*, etkilendim, surukleyici*, akici*, keyif*, keyifli*, eglenceli*, eglen~, komik*, guldur*,
    guldum, duygusal*, dokunakli*, anlamli*, derin, kaliteli*, temiz*, duzgun*, dogru*, uygun*, ucuz*,
    ekonomik*, hizli*, cabuk*, zamaninda, erken geldi, kolay*, pratik*, kullanisli*, rahat*, konforlu*, guvenilir*,
    guvenli*, saglam*, profesyonel*, ozenli*, ilgili*, nazik*, kibar*, yardimsever*, yardimci*, guler yuz*,
    guleryuz*, samimi*, memnun*, mutlu*, sevindim, sevindirici*, tesekkur*, sagol*, sagolun, tavsiye*, oner~,
    onerir*, degerli*, deger*, degdi, izlenmeli*, izlenir, izleyin, mutlaka izle*, lezzetli*, taze*, sicacik,
    dogal*, orijinal*, ozgun*, yaratici*, zekice, zeki*, ustaca, basarili*, sorunsuz*, sikintisiz*, problemsiz*,
    gurur*, umut*, umit*, iyi ki, helal, bravo, tebrik*, alkis*, ilginc*, farkli*, hayran*, yeterli*, olumlu*,
    carpici*, guclu*, gercekci*, inandirici*, hakkini ver*, ozledim, ozlenen, ilham*, sahici*, klasik*, favori*, izlemeye deger, izlenecek, enteresan*, duygulandim,
    duygulandir*, gulmekten, kahkaha*, sar~, sardi, merakla, heyecanli*, heyecan*, zevkle, zevkli*, idare eder`,
  strongPositive: `harika*, mukemmel*, mukkemmel*, muhtesem*, super*, sahane*, enfes*, efsane*, olaganustu*,
    harikulade*, nefis*, kusursuz*, bayil~, basyapit*, bas yapit*, saheser*, sahesere*, muthis*, inanilmaz*,
    cok begendim, cok iyi*, cok guzel*, en iyi*, kesinlikle tavsiye*, tavsiye ederim, kacirmayin*, kacirilmamali*,
    kacirmamak*, dokuz puan*, on puan*, 10 numara, on numara, bir numara, cok sevdim, hayran kaldim, ask, aski, askin, aska, asktan, asik*,
    bagimlisi*, unutulmaz*, tadindan yenmez*, mest*, buyuleyici*, buyuledi*, bayildim`,
  negative: `kotu*, vasat*, sikici*, sikil~, sikildim, sacma*, bos, bosuna, bosa, gereksiz*, anlamsiz*, mantiksiz*,
    basarisiz*, zayif*, yetersiz*, kalitesiz*, ozensiz*, uyumsuz*, tutarsiz*, sorun*, problem*, sikinti*, ariza*,
    arizali*, bozuk*, bozul~, hasar*, hasarli*, kirik*, kirildi*, eksik*, gecikme*, gecikti*, gec kaldi*, gec geldi,
    gec teslim*, yavas*, pahali*, kazik*, uzun surdu, bekletil*, maalesef, yazik*, pisman*,
    uzuldum, uzucu*, uzgun*, uzul~, sinir*, rahatsiz*, memnuniyetsiz*, mutsuz*, ilgisiz*, saygisiz*, kaba*, terbiyesiz*,
    sahte*, yalan*, hata*, hatali*, yanlis*, abart*, klise*, tahmin edilebilir*, beklentimi karsilamadi*, uyudum,
    uyuyakal*, esnedim, esnet*, ucuz bir*, amator*, acemi*, yapay*, zorlama*, sirit*, ruhsuz*, duygusuz*, sonuk*,
    sonuksuz*, dusuk*, eksi, olumsuz*, zor*, karmasik*, karisik*, anlasilmaz*, korkunc*, dayanilmaz*,
    nefret*, ofke*, kizgin*, kizdim, bikti*, biktim, yorucu*, yorgun*, kirgin*, hayal kirikligi*, hayal kirikli*,
    kayip*, kaybettim, kaybet~, cop*, israf*, zarar*, dert*, mahvet~, mahvol~, sacmalik*, fena*, siradan*, basit*,
    yavan*, ortalama, eh iste, anlamadim, bir sey anlamadim, uyuttu, uyutan, uyutucu*, suruyor, sarmadi, sikti,
    sikan, bunaltici*, bunaldim, gereksizdi, kotuydu, berbattir, daha iyi olabilirdi, olmamis, olmamis bir`,
  strongNegative: `berbat*, rezalet*, rezil*, igrenc*, felaket*, facia*, fiyasko*, husran*, iskence*, kabus*,
    zaman kaybi*, vakit kaybi*, para kaybi*, paramiza yazik*, bosa gitti, izlemeyin*, izlemeyiniz*, sakin izleme*,
    sakin almayin*, almayin*, tavsiye etmem, tavsiye etmiyorum, asla tavsiye*, dolandir*, dolandirici*, hirsiz*,
    en kotu*, cok kotu*, cok sacma*, hic begenmedim, begenmedim, rezaletti, berbatti, nefret ettim, degmez*,
    degmedi, degmeyecek*, katlanilmaz*, ucube*, sacmalamis*, skandal*, utanc*, utanmaz*, yuz kizartici*`,
  negators: ``,
  postNegators: `degil*, yok, yoktu, yoktur, etmem, etmiyorum, etmedim, etmeyin, etmez, etmeyecegim, etmeyiz, olmaz,
    olmadi, olmamis, olmuyor, olmamisti, degildi`,
  intensifiers: `cok, gercekten, asiri, son derece, oldukca, hic, en, tam, cidden, epey, fazla, fazlasiyla, gayet,
    baya, bayagi, resmen, kesinlikle, tamamen, butunuyle, tek kelimeyle, daha, pek, cokca, ne kadar`,
  diminishers: `biraz, az, nispeten, kismen, hafif, azicik`,
  contrast: `ama, fakat, ancak, lakin, yine de, ragmen, oysa, halbuki`,
  negativeSuffix: /^m[ae](d|z|y|m|s[iu]n)|^m[iu]yor/,
  // A stem of three or more letters, then a negative tense ending (gelmedi, anlamıyorum, sevmemiş,
  // olmayacak, beğenmez); "komedi" has a two-letter stem and is not matched.
  negatedVerb: /^[a-z]{3,}(?:m[ae]d[iu](?:m|n|k|niz|nuz|ler|lar)?|m[iu]yor(?:um|sun|uz|lar|du)?|m[ae]m[iu]s(?:tir|ti)?|m[ae]y[ae]c[ae]k|m[ae]z(?:di|mis)?)$/,
};
