<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>DrawingCanvas</name>
    <message>
        <source>Clear</source>
        <translation>Limpar</translation>
    </message>
    <message>
        <source>Load picture</source>
        <translation>Carregar imagem</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Apagar</translation>
    </message>
    <message>
        <source>Stroke</source>
        <translation>Traço</translation>
    </message>
</context>
<context>
    <name>GuessesView</name>
    <message>
        <source>Output</source>
        <translation>Saída</translation>
    </message>
    <message>
        <source>First guess</source>
        <translation>Primeiro palpite</translation>
    </message>
    <message>
        <source>Second guess</source>
        <translation>Segundo palpite</translation>
    </message>
    <message>
        <source>Probability of each class (softmax)</source>
        <translation>Probabilidade de cada classe (softmax)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Could not load the model</source>
        <translation>Não foi possível carregar o modelo</translation>
    </message>
    <message>
        <source>Could not run the model</source>
        <translation>Não foi possível executar o modelo</translation>
    </message>
    <message>
        <source>Could not open the image</source>
        <translation>Não foi possível abrir a imagem</translation>
    </message>
    <message>
        <source>Open image</source>
        <translation>Abrir imagem</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>Imagens (%1)</translation>
    </message>
    <message>
        <source>Open checkpoint</source>
        <translation>Abrir checkpoint</translation>
    </message>
    <message>
        <source>Checkpoints (%1)</source>
        <translation>Checkpoints (%1)</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Colar</translation>
    </message>
    <message>
        <source>Nothing to paste</source>
        <translation>Nada para colar</translation>
    </message>
    <message>
        <source>The clipboard holds no image. Copy a picture of a digit first.</source>
        <translation>A área de transferência não contém imagem. Copie antes a imagem de um dígito.</translation>
    </message>
    <message>
        <source>Could not open the sample</source>
        <translation>Não foi possível abrir o exemplo</translation>
    </message>
    <message>
        <source>Sample %1</source>
        <translation>Exemplo %1</translation>
    </message>
    <message>
        <source>Loading model…</source>
        <translation>Carregando modelo…</translation>
    </message>
    <message>
        <source>No model: %1</source>
        <translation>Sem modelo: %1</translation>
    </message>
    <message>
        <source>Ready: draw a digit.</source>
        <translation>Pronto: desenhe um dígito.</translation>
    </message>
    <message>
        <source>Device: %1</source>
        <translation>Dispositivo: %1</translation>
    </message>
    <message>
        <source>Device: –</source>
        <translation>Dispositivo: –</translation>
    </message>
    <message>
        <source>Inference: %1 ms</source>
        <translation>Inferência: %1 ms</translation>
    </message>
    <message>
        <source>Inference: –</source>
        <translation>Inferência: –</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>Modelo: %1</translation>
    </message>
    <message>
        <source>CNN Explainer</source>
        <translation>CNN Explainer</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>&amp;Samples</source>
        <translation>E&amp;xemplos</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Visualizar</translation>
    </message>
    <message>
        <source>&amp;Layers</source>
        <translation>&amp;Camadas</translation>
    </message>
    <message>
        <source>L&amp;anguage</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>Open &amp;image…</source>
        <translation>Abrir &amp;imagem…</translation>
    </message>
    <message>
        <source>Open &amp;checkpoint…</source>
        <translation>Abrir &amp;checkpoint…</translation>
    </message>
    <message>
        <source>&amp;Paste image</source>
        <translation>Co&amp;lar imagem</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Desfazer</translation>
    </message>
    <message>
        <source>Undo the last stroke (Ctrl+Z)</source>
        <translation>Desfazer o último traço (Ctrl+Z)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Refazer</translation>
    </message>
    <message>
        <source>Redo (Ctrl+Shift+Z)</source>
        <translation>Refazer (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <source>&amp;Clear</source>
        <translation>&amp;Limpar</translation>
    </message>
    <message>
        <source>Clear the drawing (Esc)</source>
        <translation>Limpar o desenho (Esc)</translation>
    </message>
    <message>
        <source>&amp;Eraser</source>
        <translation>&amp;Borracha</translation>
    </message>
    <message>
        <source>Erase with the left button (E); the right button always erases</source>
        <translation>Apagar com o botão esquerdo (E); o botão direito sempre apaga</translation>
    </message>
    <message>
        <source>&amp;Bigger brush</source>
        <translation>Pincel &amp;maior</translation>
    </message>
    <message>
        <source>&amp;Smaller brush</source>
        <translation>Pincel me&amp;nor</translation>
    </message>
    <message>
        <source>&amp;Auto-scale activations</source>
        <translation>&amp;Escala automática das ativações</translation>
    </message>
    <message>
        <source>Stretch each layer&apos;s colours to the current values instead of fixed limits</source>
        <translation>Ajustar as cores de cada camada aos valores atuais em vez de limites fixos</translation>
    </message>
    <message>
        <source>Show &amp;preprocessing steps</source>
        <translation>Mostrar etapas de &amp;pré-processamento</translation>
    </message>
    <message>
        <source>Digit %1</source>
        <translation>Dígito %1</translation>
    </message>
    <message>
        <source>Your drawing</source>
        <translation>Seu desenho</translation>
    </message>
    <message>
        <source>Draw a digit with the left button; the right button erases.</source>
        <translation>Desenhe um dígito com o botão esquerdo; o botão direito apaga.</translation>
    </message>
    <message>
        <source>Brush</source>
        <translation>Pincel</translation>
    </message>
    <message>
        <source>Brush size ([ and ])</source>
        <translation>Tamanho do pincel ([ e ])</translation>
    </message>
</context>
<context>
    <name>NetworkView</name>
    <message>
        <source>feature maps</source>
        <translation>mapas de características</translation>
    </message>
    <message>
        <source>filters (weights)</source>
        <translation>filtros (pesos)</translation>
    </message>
    <message>
        <source>network input</source>
        <translation>entrada da rede</translation>
    </message>
    <message>
        <source>fully connected</source>
        <translation>totalmente conectada</translation>
    </message>
    <message>
        <source>class scores</source>
        <translation>pontuações das classes</translation>
    </message>
    <message>
        <source>max pooling {0}×{0}</source>
        <translation>max pooling {0}×{0}</translation>
    </message>
    <message>
        <source>average pooling {0}×{0}</source>
        <translation>pooling médio {0}×{0}</translation>
    </message>
    <message>
        <source>Hover over a unit to see its value and receptive field; click to select it.</source>
        <translation>Passe o mouse sobre uma unidade para ver seu valor e campo receptivo; clique para selecioná-la.</translation>
    </message>
    <message>
        <source>{0} weight [{1}, {2}, {3}, {4}] = {5}</source>
        <translation>{0} peso [{1}, {2}, {3}, {4}] = {5}</translation>
    </message>
    <message>
        <source>  (probability {0:.1%})</source>
        <translation>  (probabilidade {0:.1%})</translation>
    </message>
</context>
<context>
    <name>PreprocessView</name>
    <message>
        <source>Ink bounding
box</source>
        <translation>Caixa da
tinta</translation>
    </message>
    <message>
        <source>28×28
downsampled</source>
        <translation>Reduzido
para 28×28</translation>
    </message>
    <message>
        <source>%1×%1
network input</source>
        <translation>Entrada da
rede %1×%1</translation>
    </message>
    <message>
        <source>Show ink box and centre of mass</source>
        <translation>Mostrar caixa e centro de massa</translation>
    </message>
    <message>
        <source>Before the network sees your drawing, it is prepared like the MNIST digits the network learned from: cut to its ink, shrunk to fit a 20×20 box, placed so that its centre of mass is at the centre of a 28×28 field, then padded to the network&apos;s input size.</source>
        <translation>Antes de a rede ver o seu desenho, ele é preparado como os dígitos do MNIST com que a rede aprendeu: recortado até a tinta, reduzido para caber numa caixa de 20×20, posicionado de modo que o seu centro de massa fique no centro de um campo de 28×28 e então completado com bordas até o tamanho da entrada da rede.</translation>
    </message>
    <message>
        <source>No ink yet: draw a digit.</source>
        <translation>Ainda sem tinta: desenhe um dígito.</translation>
    </message>
    <message>
        <source>Centre of mass at row %1, column %2</source>
        <translation>Centro de massa na linha %1, coluna %2</translation>
    </message>
</context>
</TS>
