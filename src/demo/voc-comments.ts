import type { DemoLanguage } from './voc-surveys.ts';

/**
 * What demo customers write, by topic: the topic follows what happened to them (a late parcel, a
 * failed payment, a slow site…), so the themes and sentiment the text analysis finds tell the same
 * story as the events. Written per language rather than machine-translated.
 */
export const COMMENT_TOPICS = [
  'delivery-late', 'payment-failed', 'site-slow', 'returns-hassle', 'price-high', 'support-bad',
  'delivery-fast', 'price-good', 'product-good', 'support-good',
] as const;
export type CommentTopic = (typeof COMMENT_TOPICS)[number];

type Row = Record<CommentTopic, string>;
const row = (...texts: string[]): Row => Object.fromEntries(COMMENT_TOPICS.map((k, i) => [k, texts[i]])) as Row;

export const COMMENTS: Record<DemoLanguage, Row> = {
  en: row(
    'The parcel arrived three days late and nobody told me why.',
    'My card payment failed twice at checkout, very frustrating.',
    'The website was so slow, pages kept loading forever.',
    'Returning the item was a hassle and the refund took ages.',
    'Good gear but the prices are too expensive compared to other shops.',
    'Customer support was unhelpful and I had to chat three times.',
    'Fast delivery, the package arrived a day early. Great!',
    'Great prices and a nice discount, excellent value for money.',
    'Excellent quality, the guitar sounds amazing.',
    'The support agent was friendly and solved my problem quickly.'),
  de: row(
    'Die Lieferung kam drei Tage zu spät, sehr ärgerlich.',
    'Die Zahlung mit Kreditkarte ist zweimal fehlgeschlagen. Schlecht.',
    'Die Webseite war extrem langsam und hat ständig geladen.',
    'Die Rücksendung war kompliziert und die Erstattung dauerte ewig.',
    'Gute Produkte, aber die Preise sind zu teuer.',
    'Der Kundenservice war unfreundlich und hat nicht geholfen.',
    'Schnelle Lieferung, das Paket war einen Tag früher da. Super!',
    'Tolle Preise und guter Rabatt, sehr zufrieden.',
    'Hervorragende Qualität, die Gitarre klingt fantastisch.',
    'Der Kundenservice war freundlich und hat schnell geholfen.'),
  es: row(
    'El paquete llegó tres días tarde y nadie me avisó. Muy mal.',
    'El pago con tarjeta falló dos veces, muy frustrante.',
    'La página web era muy lenta, tardaba muchísimo en cargar.',
    'La devolución fue complicada y el reembolso tardó semanas.',
    'Los precios son demasiado caros, no vale la pena.',
    'La atención al cliente fue pésima y no me ayudaron.',
    'Envío rápido, el paquete llegó antes de lo previsto. ¡Excelente!',
    'Muy buen precio y un buen descuento, estoy muy contento.',
    'Calidad excelente, la guitarra suena genial.',
    'El servicio de atención fue amable y resolvió mi problema rápido.'),
  fr: row(
    'Le colis est arrivé avec trois jours de retard, très décevant.',
    "Le paiement par carte a échoué deux fois, c'est agaçant.",
    'Le site était très lent, les pages mettaient une éternité à charger.',
    'Le retour était compliqué et le remboursement a pris des semaines.',
    'Bons produits mais les prix sont trop chers.',
    "Le service client n'a pas été utile du tout.",
    'Livraison rapide, le colis est arrivé en avance. Parfait !',
    'Très bons prix et une belle réduction, je suis ravi.',
    'Excellente qualité, la guitare sonne magnifiquement.',
    'Le service client était aimable et a résolu mon problème rapidement.'),
  pl: row(
    'Paczka dotarła trzy dni za późno, bardzo słaba dostawa.',
    'Płatność kartą dwa razy się nie udała, to frustrujące.',
    'Strona działała bardzo wolno, wszystko długo się ładowało.',
    'Zwrot był skomplikowany, a pieniądze wróciły po kilku tygodniach.',
    'Dobre produkty, ale ceny są za wysokie, za drogo.',
    'Obsługa klienta była nieprzyjemna i nie pomogła.',
    'Szybka dostawa, paczka przyszła dzień wcześniej. Super!',
    'Świetne ceny i dobry rabat, jestem bardzo zadowolony.',
    'Doskonała jakość, gitara brzmi wspaniale.',
    'Obsługa była miła i szybko rozwiązała mój problem.'),
  pt: row(
    'A encomenda chegou com três dias de atraso, muito mau.',
    'O pagamento com cartão falhou duas vezes, péssima experiência.',
    'O site estava muito lento, as páginas demoravam a carregar.',
    'A devolução foi complicada e o reembolso demorou semanas.',
    'Bons produtos, mas os preços são caros demais.',
    'O atendimento ao cliente foi péssimo e não resolveu nada.',
    'Entrega rápida, a encomenda chegou antes do prazo. Ótimo!',
    'Ótimos preços e um bom desconto, fiquei muito satisfeito.',
    'Qualidade excelente, a guitarra soa incrível.',
    'O atendimento foi simpático e resolveu o meu problema rapidamente.'),
  he: row(
    'החבילה הגיעה באיחור של שלושה ימים, משלוח גרוע.',
    'התשלום בכרטיס אשראי נכשל פעמיים, מאוד מתסכל.',
    'האתר היה איטי מאוד, הדפים נטענו לאט.',
    'ההחזרה הייתה גרועה, והזיכוי לקח שבועות. מאכזב.',
    'מוצרים טובים אבל המחירים יקרים מדי.',
    'שירות הלקוחות לא עזר בכלל, מאכזב.',
    'משלוח מהיר, החבילה הגיעה יום מוקדם. מעולה!',
    'מחירים מצוינים והנחה יפה, מרוצה מאוד.',
    'איכות מעולה, הגיטרה נשמעת נהדר.',
    'הנציגה הייתה אדיבה ופתרה את הבעיה במהירות.'),
  zh: row(
    '包裹晚到了三天，配送太慢了，很失望。',
    '信用卡付款失败了两次，非常麻烦。',
    '网站太慢了，页面一直在加载。',
    '退货很麻烦，退款等了好几个星期。',
    '东西不错，但是价格太贵了。',
    '客服态度很差，一点帮助都没有。',
    '发货很快，包裹提前一天到了，很满意！',
    '价格很好，还有折扣，性价比很高。',
    '质量非常好，吉他的声音很棒。',
    '客服很友好，很快就解决了我的问题。'),
  tr: row(
    'Kargo üç gün geç geldi, çok kötü bir teslimat.',
    'Kredi kartı ile ödeme iki kez başarısız oldu, çok sinir bozucu.',
    'Site çok yavaştı, sayfalar açılmadı.',
    'İade süreci çok zordu ve para iadesi haftalar sürdü.',
    'Ürünler güzel ama fiyatlar çok pahalı.',
    'Müşteri hizmetleri hiç yardımcı olmadı.',
    'Hızlı teslimat, paket bir gün erken geldi. Harika!',
    'Fiyatlar çok uygun, indirim de güzeldi.',
    'Kalite mükemmel, gitarın sesi harika.',
    'Müşteri temsilcisi çok nazikti, sorunumu hemen çözdü. Teşekkürler!'),
};
