<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>Activations</name>
    <message>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <source>tanh</source>
        <translation>tanh</translation>
    </message>
    <message>
        <source>sigmoid</source>
        <translation>sigmoide</translation>
    </message>
</context>
<context>
    <name>ArithmeticDock</name>
    <message>
        <source>Arithmetic</source>
        <translation>Aritmética</translation>
    </message>
    <message>
        <source>&amp;Arithmetic of the selected unit</source>
        <translation>&amp;Aritmética da unidade selecionada</translation>
    </message>
    <message>
        <source>&amp;Convolution playground…</source>
        <translation>Laboratório de &amp;convolução…</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Ferramentas</translation>
    </message>
</context>
<context>
    <name>ArithmeticView</name>
    <message>
        <source>Loading the model…</source>
        <translation>Carregando o modelo…</translation>
    </message>
    <message>
        <source>Arithmetic</source>
        <translation>Aritmética</translation>
    </message>
    <message>
        <source>Draw a digit (or pick a sample), then click a unit in the network panels.</source>
        <translation>Desenhe um dígito (ou escolha uma amostra) e clique numa unidade dos painéis da rede.</translation>
    </message>
    <message>
        <source>Click a unit in the network panels (a feature map, a pooled map or a fully connected layer) to see how its value was computed, then press play.</source>
        <translation>Clique numa unidade dos painéis da rede (um mapa de características, um mapa após o pooling ou uma camada totalmente conectada) para ver como o seu valor foi calculado; depois aperte ▶.</translation>
    </message>
    <message>
        <source>The network input is the preprocessed drawing: nothing is computed here. Click a unit of conv1 to see the first layer&apos;s arithmetic.</source>
        <translation>A entrada da rede é o desenho pré-processado: nada é calculado aqui. Clique numa unidade da conv1 para ver a aritmética da primeira camada.</translation>
    </message>
    <message>
        <source>%1 — switched off: the network passes 0 on</source>
        <translation>%1 — desligado: a rede passa 0 adiante</translation>
    </message>
    <message>
        <source>%1: map %2, row %3, col %4</source>
        <translation>%1: mapa %2, linha %3, coluna %4</translation>
    </message>
    <message>
        <source>%1: unit %2 (class %3)</source>
        <translation>%1: unidade %2 (classe %3)</translation>
    </message>
    <message>
        <source>%1: unit %2</source>
        <translation>%1: unidade %2</translation>
    </message>
    <message>
        <source>%1[%2]:
output so far</source>
        <translation>%1[%2]:
saída até agora</translation>
    </message>
    <message>
        <source>%1:
output so far</source>
        <translation>%1:
saída até agora</translation>
    </message>
    <message>
        <source>Selected unit</source>
        <translation>Unidade selecionada</translation>
    </message>
    <message>
        <source>Softmax and loss</source>
        <translation>Softmax e perda</translation>
    </message>
</context>
<context>
    <name>CheckpointFeatures</name>
    <message>
        <source>Shipped models</source>
        <translation>Modelos incluídos</translation>
    </message>
    <message>
        <source>My models</source>
        <translation>Meus modelos</translation>
    </message>
    <message>
        <source>My models: none yet (put .pt files in your models folder)</source>
        <translation>Meus modelos: nenhum ainda (coloque arquivos .pt na sua pasta de modelos)</translation>
    </message>
    <message>
        <source>(no recent checkpoints)</source>
        <translation>(nenhum checkpoint recente)</translation>
    </message>
    <message>
        <source>Clear the list</source>
        <translation>Limpar a lista</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Abrir &amp;recente</translation>
    </message>
    <message>
        <source>&amp;Models</source>
        <translation>&amp;Modelos</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Ferramentas</translation>
    </message>
    <message>
        <source>Model &amp;details…</source>
        <translation>&amp;Detalhes do modelo…</translation>
    </message>
    <message>
        <source>The layers, their shapes and parameter counts, and the checkpoint&apos;s data</source>
        <translation>As camadas, seus formatos e números de parâmetros, e os dados do checkpoint</translation>
    </message>
    <message>
        <source>&amp;Compare with…</source>
        <translation>&amp;Comparar com…</translation>
    </message>
    <message>
        <source>Run a second checkpoint on the same drawing, side by side</source>
        <translation>Executa um segundo checkpoint no mesmo desenho, lado a lado</translation>
    </message>
    <message>
        <source>&amp;Evaluate on a test set…</source>
        <translation>&amp;Avaliar num conjunto de teste…</translation>
    </message>
    <message>
        <source>Open models &amp;folder</source>
        <translation>Abrir a &amp;pasta de modelos</translation>
    </message>
</context>
<context>
    <name>ClassNames</name>
    <message>
        <source>T-shirt/top</source>
        <translation>Camiseta</translation>
    </message>
    <message>
        <source>Trouser</source>
        <translation>Calça</translation>
    </message>
    <message>
        <source>Pullover</source>
        <translation>Pulôver</translation>
    </message>
    <message>
        <source>Dress</source>
        <translation>Vestido</translation>
    </message>
    <message>
        <source>Coat</source>
        <translation>Casaco</translation>
    </message>
    <message>
        <source>Sandal</source>
        <translation>Sandália</translation>
    </message>
    <message>
        <source>Shirt</source>
        <translation>Camisa</translation>
    </message>
    <message>
        <source>Sneaker</source>
        <translation>Tênis</translation>
    </message>
    <message>
        <source>Bag</source>
        <translation>Bolsa</translation>
    </message>
    <message>
        <source>Ankle boot</source>
        <translation>Bota curta</translation>
    </message>
</context>
<context>
    <name>ClassroomFeatures</name>
    <message>
        <source>Connections</source>
        <translation>Conexões</translation>
    </message>
    <message>
        <source>Lines from the hovered or selected unit to what it reads: its window on the layer before, or its strongest incoming weights</source>
        <translation>Linhas da unidade sob o mouse ou selecionada até o que ela lê: sua janela na camada anterior, ou seus pesos de entrada mais fortes</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Aumentar zoom</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Diminuir zoom</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>Tamanho real</translation>
    </message>
    <message>
        <source>Presentation mode</source>
        <translation>Modo apresentação</translation>
    </message>
    <message>
        <source>Full screen, larger text, thick outlines, the hovered value shown large</source>
        <translation>Tela cheia, texto maior, contornos grossos, o valor sob o mouse mostrado em tamanho grande</translation>
    </message>
    <message>
        <source>Zoom %1 %</source>
        <translation>Zoom %1 %</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Compare with checkpoint</source>
        <translation>Comparar com o checkpoint</translation>
    </message>
    <message>
        <source>Checkpoints (%1)</source>
        <translation>Checkpoints (%1)</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>Carregando %1…</translation>
    </message>
    <message>
        <source>Could not load the model to compare with</source>
        <translation>Não foi possível carregar o modelo para comparar</translation>
    </message>
    <message>
        <source>max pooling</source>
        <translation>max pooling</translation>
    </message>
    <message>
        <source>average pooling</source>
        <translation>average pooling</translation>
    </message>
    <message>
        <source>%1% accuracy</source>
        <translation>acurácia de %1%</translation>
    </message>
    <message>
        <source>Compare two models on the same drawing</source>
        <translation>Comparar dois modelos no mesmo desenho</translation>
    </message>
    <message>
        <source>Compare the window&apos;s model with:</source>
        <translation>Comparar o modelo da janela com:</translation>
    </message>
    <message>
        <source>choose a model…</source>
        <translation>escolha um modelo…</translation>
    </message>
    <message>
        <source>Other file…</source>
        <translation>Outro arquivo…</translation>
    </message>
    <message>
        <source>Same colour scale</source>
        <translation>Mesma escala de cores</translation>
    </message>
    <message>
        <source>One colour is one value in both rows: each layer&apos;s limits hold both networks&apos; values. Off: each network with its own limits.</source>
        <translation>Uma cor é um valor nas duas linhas: os limites de cada camada contêm os valores das duas redes. Desligado: cada rede com seus próprios limites.</translation>
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
        <source>Choose a model above</source>
        <translation>Escolha um modelo acima</translation>
    </message>
</context>
<context>
    <name>ConvPage</name>
    <message>
        <source>of %1: one kernel and one sum each; the sums add up (right)</source>
        <translation>de %1: cada canal tem o seu kernel e a sua soma; à direita, o total das somas</translation>
    </message>
    <message>
        <source>%1[%2]: window</source>
        <translation>%1[%2]: janela</translation>
    </message>
    <message>
        <source>patch (%1)</source>
        <translation>região (%1)</translation>
    </message>
    <message>
        <source>kernel %1[%2]</source>
        <translation>kernel %1[%2]</translation>
    </message>
    <message>
        <source>%1 (edited)</source>
        <translation>%1 (editado)</translation>
    </message>
    <message>
        <source>Σ = %1</source>
        <translation>Σ = %1</translation>
    </message>
    <message>
        <source>Σ of the %1 products</source>
        <translation>Σ dos %1 produtos</translation>
    </message>
    <message>
        <source>Σ of the %1 product</source>
        <translation>Σ de %1 produto</translation>
    </message>
    <message>
        <source>Σ channel %1</source>
        <translation>Σ canal %1</translation>
    </message>
    <message>
        <source>total of the %1 channel sums</source>
        <translation>total das somas dos %1 canais</translation>
    </message>
    <message>
        <source>The network input is normalised: (pixel − %1) / %2, with pixels 0 (paper) to 1 (ink). So paper is %3 and full ink %4.</source>
        <translation>A entrada da rede é normalizada: (pixel − %1) / %2, com pixels de 0 (papel) a 1 (tinta). Assim, o papel vale %3 e a tinta cheia %4.</translation>
    </message>
    <message>
        <source>Double-click a kernel weight to type another value: the network uses it.</source>
        <translation>Clique duas vezes num peso do kernel para digitar outro valor: a rede passa a usá-lo.</translation>
    </message>
    <message>
        <source>Reset weights</source>
        <translation>Restaurar os pesos</translation>
    </message>
    <message>
        <source>Put every edited weight back to the model&apos;s own value</source>
        <translation>Devolve a cada peso editado o valor do próprio modelo</translation>
    </message>
    <message>
        <source>Input channel</source>
        <translation>Canal de entrada</translation>
    </message>
    <message>
        <source>products</source>
        <translation>produtos</translation>
    </message>
</context>
<context>
    <name>CoreMessages</name>
    <message>
        <source>%1 %2 %3 is out of range: expected 0–%4</source>
        <translation>%1: %2 %3 fora do intervalo: esperado 0–%4</translation>
    </message>
    <message>
        <source>%1 %2 is not a whole number: stride %3 does not fit (strides that fit: %4; or change the padding)</source>
        <translation>%1: %2 não é um número inteiro: o stride %3 não cabe (strides que cabem: %4; ou mude o padding)</translation>
    </message>
    <message>
        <source>%1 class names for %2 logits</source>
        <translation>%1 nomes de classe para %2 logits</translation>
    </message>
    <message>
        <source>%1 contains NaN or infinity</source>
        <translation>%1 contém NaN ou infinito</translation>
    </message>
    <message>
        <source>%1 has %2 classes but the model has %3</source>
        <translation>%1 tem %2 classes, mas o modelo tem %3</translation>
    </message>
    <message>
        <source>%1 input labels for %2 inputs</source>
        <translation>%1 rótulos de entrada para %2 entradas</translation>
    </message>
    <message>
        <source>%1 is empty (shape %2)</source>
        <translation>%1 não tem valores (formato %2)</translation>
    </message>
    <message>
        <source>%1 is missing; run scripts/fetch_mnist_subset.sh to extract it</source>
        <translation>%1 não existe; rode scripts/fetch_mnist_subset.sh para extraí-lo</translation>
    </message>
    <message>
        <source>%1 is not an image PIL can read (expected PNG, JPEG, BMP, …)</source>
        <translation>%1 não é uma imagem que o PIL consiga ler (esperado PNG, JPEG, BMP, …)</translation>
    </message>
    <message>
        <source>%1 is not valid JSON: %2 at line %3, column %4</source>
        <translation>%1 não é um JSON válido: %2 na linha %3, coluna %4</translation>
    </message>
    <message>
        <source>%1 must be %2, found shape %3</source>
        <translation>%1 deve ser %2; encontrado o formato %3</translation>
    </message>
    <message>
        <source>%1 must be a rectangular array of numbers (every row the same length), found ragged rows or values that are not numbers</source>
        <translation>%1 deve ser uma matriz retangular de números (todas as linhas do mesmo comprimento); encontradas linhas desiguais ou valores que não são números</translation>
    </message>
    <message>
        <source>%1 must be a whole number, found %2</source>
        <translation>%1 deve ser um número inteiro; encontrado %2</translation>
    </message>
    <message>
        <source>%1 must be an integer ≥ %2 (or two of them), found %3</source>
        <translation>%1 deve ser um inteiro ≥ %2 (ou dois deles); encontrado %3</translation>
    </message>
    <message>
        <source>%1 must be an integer ≥ %2, found %3</source>
        <translation>%1 deve ser um inteiro ≥ %2; encontrado %3</translation>
    </message>
    <message>
        <source>%1 must be ≥ %2, found %3</source>
        <translation>%1 deve ser ≥ %2; encontrado %3</translation>
    </message>
    <message>
        <source>%1 units are addressed by channel, row and col; %2 is missing</source>
        <translation>as unidades de %1 são endereçadas por canal, linha e coluna; falta %2</translation>
    </message>
    <message>
        <source>%1/%2: labels must be 0..%3, found %4..%5</source>
        <translation>%1/%2: os rótulos devem ser 0..%3; encontrados %4..%5</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: %2 (a LeNet with %3 has %4)</source>
        <translation>%1: %2 (uma LeNet com %3 tem %4)</translation>
    </message>
    <message>
        <source>%1: %2 class names given, but the last layer %3 has %4 outputs</source>
        <translation>%1: %2 nomes de classe dados, mas a última camada %3 tem %4 saídas</translation>
    </message>
    <message>
        <source>%1: %2 images but %3 labels in split %4</source>
        <translation>%1: %2 imagens, mas %3 rótulos na divisão %4</translation>
    </message>
    <message>
        <source>%1: %2 is of type %3; metadata may hold only plain data (dict, list, str, int, float, bool, None)</source>
        <translation>%1: %2 é do tipo %3; os metadados só podem conter dados simples (dict, list, str, int, float, bool, None)</translation>
    </message>
    <message>
        <source>%1: %2 key %3 is not a string</source>
        <translation>%1: a chave %3 de %2 não é um texto</translation>
    </message>
    <message>
        <source>%1: %2.weight takes %3 inputs, but conv2&apos;s %4 channels × s×s after pooling give no such size%5; cannot infer the input size</source>
        <translation>%1: %2.weight recebe %3 entradas, mas os %4 canais da conv2 × s×s após o pooling não dão esse tamanho%5; não é possível deduzir o tamanho da entrada</translation>
    </message>
    <message>
        <source>%1: IDX header cut short</source>
        <translation>%1: cabeçalho IDX incompleto</translation>
    </message>
    <message>
        <source>%1: activation must be one of %2, found %3</source>
        <translation>%1: a ativação deve ser uma de %2; encontrado %3</translation>
    </message>
    <message>
        <source>%1: bias must hold one number per filter (%2), found %3</source>
        <translation>%1: o bias deve ter um número por filtro (%2); encontrados %3</translation>
    </message>
    <message>
        <source>%1: corrupt zip archive: member %2 is damaged (%3)</source>
        <translation>%1: arquivo zip corrompido: o membro %2 está danificado (%3)</translation>
    </message>
    <message>
        <source>%1: expected %2-D IDX data, found %3-D</source>
        <translation>%1: esperados dados IDX %2-D; encontrados %3-D</translation>
    </message>
    <message>
        <source>%1: expected 28×28 images, found %2</source>
        <translation>%1: esperadas imagens 28×28; encontrado %2</translation>
    </message>
    <message>
        <source>%1: expected a JSON object with input and kernels, found %2</source>
        <translation>%1: esperado um objeto JSON com input e kernels; encontrado %2</translation>
    </message>
    <message>
        <source>%1: expected a state_dict (dict of tensors), found %2</source>
        <translation>%1: esperado um state_dict (dict de tensores); encontrado %2</translation>
    </message>
    <message>
        <source>%1: expected rows of 784 pixels + label, found shape %2</source>
        <translation>%1: esperadas linhas de 784 pixels + rótulo; encontrado o formato %2</translation>
    </message>
    <message>
        <source>%1: expected unsigned-byte IDX data (type 0x08), found 0x%2</source>
        <translation>%1: esperados dados IDX de bytes sem sinal (tipo 0x08); encontrado 0x%2</translation>
    </message>
    <message>
        <source>%1: format marker is %2, expected %3</source>
        <translation>%1: a marca de formato é %2; esperado %3</translation>
    </message>
    <message>
        <source>%1: format_version must be a positive integer, found %2</source>
        <translation>%1: format_version deve ser um inteiro positivo; encontrado %2</translation>
    </message>
    <message>
        <source>%1: invalid config for the imported weights: %2</source>
        <translation>%1: configuração inválida para os pesos importados: %2</translation>
    </message>
    <message>
        <source>%1: invalid config: %2</source>
        <translation>%1: configuração inválida: %2</translation>
    </message>
    <message>
        <source>%1: invalid config: expected a dict, found %2</source>
        <translation>%1: configuração inválida: esperado um dict; encontrado %2</translation>
    </message>
    <message>
        <source>%1: kernel %2 is larger than the padded input %3 + 2·%4 = %5: the configuration does not fit</source>
        <translation>%1: o kernel %2 é maior que a entrada com padding %3 + 2·%4 = %5: a configuração não cabe</translation>
    </message>
    <message>
        <source>%1: kernels must be square (F×F), found %2×%3</source>
        <translation>%1: os kernels devem ser quadrados (F×F); encontrado %2×%3</translation>
    </message>
    <message>
        <source>%1: layers do not fit together: %2</source>
        <translation>%1: as camadas não se encaixam: %2</translation>
    </message>
    <message>
        <source>%1: malformed checkpoint header (%2)</source>
        <translation>%1: cabeçalho de checkpoint malformado (%2)</translation>
    </message>
    <message>
        <source>%1: metadata must be a dict, found %2</source>
        <translation>%1: os metadados devem ser um dict; encontrado %2</translation>
    </message>
    <message>
        <source>%1: missing %2</source>
        <translation>%1: falta %2</translation>
    </message>
    <message>
        <source>%1: missing %2 (a preset needs input and kernels)</source>
        <translation>%1: falta %2 (um exemplo precisa de input e kernels)</translation>
    </message>
    <message>
        <source>%1: name must be text, found %2</source>
        <translation>%1: o nome deve ser um texto; encontrado %2</translation>
    </message>
    <message>
        <source>%1: no %2 or %3.gz (an MNIST-format IDX file)</source>
        <translation>%1: não há %2 nem %3.gz (um arquivo IDX no formato do MNIST)</translation>
    </message>
    <message>
        <source>%1: no such file (%2)</source>
        <translation>%1: arquivo não encontrado (%2)</translation>
    </message>
    <message>
        <source>%1: not a checkpoint: %2; expected a PyTorch .pt file (a zip archive or a pickle)</source>
        <translation>%1: não é um checkpoint: %2; esperado um arquivo .pt do PyTorch (um arquivo zip ou um pickle)</translation>
    </message>
    <message>
        <source>%1: not a checkpoint: a dict without tensors (keys: %2); expected a state_dict, or one under %3</source>
        <translation>%1: não é um checkpoint: um dict sem tensores (chaves: %2); esperado um state_dict, ou um dentro de %3</translation>
    </message>
    <message>
        <source>%1: not a checkpoint: a zip archive without data.pkl (holds %2)</source>
        <translation>%1: não é um checkpoint: um arquivo zip sem data.pkl (contém %2)</translation>
    </message>
    <message>
        <source>%1: not a checkpoint: an empty dict</source>
        <translation>%1: não é um checkpoint: um dict vazio</translation>
    </message>
    <message>
        <source>%1: not a checkpoint: holds a %2, expected a dict (a state_dict or our checkpoint format)</source>
        <translation>%1: não é um checkpoint: contém um %2; esperado um dict (um state_dict ou o nosso formato de checkpoint)</translation>
    </message>
    <message>
        <source>%1: not a readable CSV of digits (%2)</source>
        <translation>%1: não é um CSV de dígitos legível (%2)</translation>
    </message>
    <message>
        <source>%1: not a readable IDX file (%2)</source>
        <translation>%1: não é um arquivo IDX legível (%2)</translation>
    </message>
    <message>
        <source>%1: not an IDX file (it does not start with 00 00)</source>
        <translation>%1: não é um arquivo IDX (não começa com 00 00)</translation>
    </message>
    <message>
        <source>%1: not valid JSON (%2)</source>
        <translation>%1: JSON inválido (%2)</translation>
    </message>
    <message>
        <source>%1: pool must be one of %2, found %3</source>
        <translation>%1: o pooling deve ser um de %2; encontrado %3</translation>
    </message>
    <message>
        <source>%1: state_dict must be a dict of tensors, found %2</source>
        <translation>%1: o state_dict deve ser um dict de tensores; encontrado %2</translation>
    </message>
    <message>
        <source>%1: state_dict values must be tensors, but %2</source>
        <translation>%1: os valores do state_dict devem ser tensores, mas %2</translation>
    </message>
    <message>
        <source>%1: the checkpoint has no %2 entry</source>
        <translation>%1: o checkpoint não tem a entrada %2</translation>
    </message>
    <message>
        <source>%1: the header declares %2 = %3 bytes; at most %4 are read</source>
        <translation>%1: o cabeçalho declara %2 = %3 bytes; são lidos no máximo %4</translation>
    </message>
    <message>
        <source>%1: the header declares %2 bytes of data, found %3</source>
        <translation>%1: o cabeçalho declara %2 bytes de dados; encontrados %3</translation>
    </message>
    <message>
        <source>%1: the header declares %2 bytes of data, the file holds %3</source>
        <translation>%1: o cabeçalho declara %2 bytes de dados; o arquivo tem %3</translation>
    </message>
    <message>
        <source>%1: the input must be square (N×N), found %2×%3</source>
        <translation>%1: a entrada deve ser quadrada (N×N); encontrado %2×%3</translation>
    </message>
    <message>
        <source>%1: the kernels have %2 channel(s) but the input has %3: they must match</source>
        <translation>%1: os kernels têm %2 canal(is), mas a entrada tem %3: devem ser iguais</translation>
    </message>
    <message>
        <source>%1: truncated or corrupt checkpoint (%2)</source>
        <translation>%1: checkpoint truncado ou corrompido (%2)</translation>
    </message>
    <message>
        <source>%1: truncated or corrupt safetensors file (%2); %3</source>
        <translation>%1: arquivo safetensors truncado ou corrompido (%2); %3</translation>
    </message>
    <message>
        <source>%1: truncated or corrupt zip archive (%2); the file may have been cut short</source>
        <translation>%1: arquivo zip truncado ou corrompido (%2); o arquivo pode ter sido cortado</translation>
    </message>
    <message>
        <source>%1: unsupported architecture: %2</source>
        <translation>%1: arquitetura não suportada: %2</translation>
    </message>
    <message>
        <source>%1: unsupported architecture: conv kernels are %2 and %3; LeNet import needs square kernels of one size</source>
        <translation>%1: arquitetura não suportada: os kernels das convoluções são %2 e %3; a importação de uma LeNet precisa de kernels quadrados de um só tamanho</translation>
    </message>
    <message>
        <source>%1: weights must be floating point, but %2</source>
        <translation>%1: os pesos devem ser de ponto flutuante, mas %2</translation>
    </message>
    <message>
        <source>%1: written by a newer CNN Explainer (format_version %2); this version reads format_version %3 or older; update cnn-explainer to open it</source>
        <translation>%1: gravado por um CNN Explainer mais novo (format_version %2); esta versão lê format_version %3 ou anterior; atualize o cnn-explainer para abri-lo</translation>
    </message>
    <message>
        <source>Fashion-MNIST not found in %1; install it with `apt-get install dataset-fashion-mnist`</source>
        <translation>Fashion-MNIST não encontrado em %1; instale-o com `apt-get install dataset-fashion-mnist`</translation>
    </message>
    <message>
        <source>IDX dataset folder %1 does not exist</source>
        <translation>a pasta de dados IDX %1 não existe</translation>
    </message>
    <message>
        <source>a mosaic needs positive tile count, tile size and grid columns and gap ≥ 0, found %1 tiles of %2×%3, %4 columns, gap %5</source>
        <translation>um mosaico precisa de número de blocos, tamanho de bloco e colunas positivos e espaçamento ≥ 0; encontrados %1 blocos de %2×%3, %4 colunas, espaçamento %5</translation>
    </message>
    <message>
        <source>activation must be one of %1, found %2</source>
        <translation>a ativação deve ser uma de %1; encontrado %2</translation>
    </message>
    <message>
        <source>bias must hold one number per filter (%1), found %2</source>
        <translation>o bias deve ter um número por filtro (%1); encontrados %2</translation>
    </message>
    <message>
        <source>centre of mass of an image without ink is undefined</source>
        <translation>o centro de massa de uma imagem sem tinta não é definido</translation>
    </message>
    <message>
        <source>channel %1 is out of range: the input has %2</source>
        <translation>o canal %1 está fora do intervalo: a entrada tem %2</translation>
    </message>
    <message>
        <source>channels and filters must be ≥ 1, found %1 and %2</source>
        <translation>canais e filtros devem ser ≥ 1; encontrados %1 e %2</translation>
    </message>
    <message>
        <source>class %1 is out of range: there are %2 classes (0–%3)</source>
        <translation>a classe %1 está fora do intervalo: há %2 classes (0–%3)</translation>
    </message>
    <message>
        <source>config must be a dict, found %1</source>
        <translation>a configuração deve ser um dict; encontrado %1</translation>
    </message>
    <message>
        <source>conv1 output would be %1×%2: input too small</source>
        <translation>a saída da conv1 seria %1×%2: entrada pequena demais</translation>
    </message>
    <message>
        <source>conv2 output would be %1×%2: input too small</source>
        <translation>a saída da conv2 seria %1×%2: entrada pequena demais</translation>
    </message>
    <message>
        <source>conv_channels must be positive, found %1</source>
        <translation>conv_channels deve ser positivo; encontrado %1</translation>
    </message>
    <message>
        <source>conv_channels must hold 2 numbers, found %1</source>
        <translation>conv_channels deve ter 2 números; encontrado %1</translation>
    </message>
    <message>
        <source>conv_unit takes one filter, found %1; use conv2d</source>
        <translation>conv_unit recebe um filtro; encontrados %1; use conv2d</translation>
    </message>
    <message>
        <source>could not read image %1: %2</source>
        <translation>não foi possível ler a imagem %1: %2</translation>
    </message>
    <message>
        <source>could not read the preset %1: %2</source>
        <translation>não foi possível ler o exemplo %1: %2</translation>
    </message>
    <message>
        <source>could not write the preset to %1: %2</source>
        <translation>não foi possível gravar o exemplo em %1: %2</translation>
    </message>
    <message>
        <source>dataset %1 has splits %2, found %3</source>
        <translation>o conjunto de dados %1 tem as divisões %2; encontrado %3</translation>
    </message>
    <message>
        <source>device %1 asked for, but no CUDA GPU is available</source>
        <translation>dispositivo %1 pedido, mas não há GPU CUDA disponível</translation>
    </message>
    <message>
        <source>digit %1 has samples 0..%2, found index %3</source>
        <translation>o dígito %1 tem amostras 0..%2; encontrado o índice %3</translation>
    </message>
    <message>
        <source>expected a 28×28 MNIST-form image, found shape %1</source>
        <translation>esperada uma imagem 28×28 no formato do MNIST; encontrado o formato %1</translation>
    </message>
    <message>
        <source>expected a non-empty image, found %1×%2: %3</source>
        <translation>esperada uma imagem não vazia; encontrado %1×%2: %3</translation>
    </message>
    <message>
        <source>expected a non-empty image, found shape %1</source>
        <translation>esperada uma imagem não vazia; encontrado o formato %1</translation>
    </message>
    <message>
        <source>expected a numeric image array, found dtype %1</source>
        <translation>esperada uma matriz numérica de imagem; encontrado o dtype %1</translation>
    </message>
    <message>
        <source>expected an image array of shape H×W (grayscale), H×W×3 (RGB) or H×W×4 (RGBA), found shape %1</source>
        <translation>esperada uma matriz de imagem de formato H×W (tons de cinza), H×W×3 (RGB) ou H×W×4 (RGBA); encontrado o formato %1</translation>
    </message>
    <message>
        <source>expected finite pixel values, found %1 NaN/Inf pixel(s)</source>
        <translation>esperados valores de pixel finitos; encontrado(s) %1 pixel(s) NaN/Inf</translation>
    </message>
    <message>
        <source>expected pixel values in [0, 1] or [0, 255], found values from %1 to %2</source>
        <translation>esperados valores de pixel em [0, 1] ou [0, 255]; encontrados valores de %1 a %2</translation>
    </message>
    <message>
        <source>fc_sizes must be positive, found %1</source>
        <translation>fc_sizes deve ser positivo; encontrado %1</translation>
    </message>
    <message>
        <source>image file not found: %1</source>
        <translation>arquivo de imagem não encontrado: %1</translation>
    </message>
    <message>
        <source>in_channels must be positive, found %1</source>
        <translation>in_channels deve ser positivo; encontrado %1</translation>
    </message>
    <message>
        <source>input image must be %1, found shape %2</source>
        <translation>a imagem de entrada deve ser %1; encontrado o formato %2</translation>
    </message>
    <message>
        <source>inputs (%1) and weights (%2) must have the same length</source>
        <translation>as entradas (%1) e os pesos (%2) devem ter o mesmo comprimento</translation>
    </message>
    <message>
        <source>invalid config: %1</source>
        <translation>configuração inválida: %1</translation>
    </message>
    <message>
        <source>kernel_size and pool_size must be positive</source>
        <translation>kernel_size e pool_size devem ser positivos</translation>
    </message>
    <message>
        <source>log base must be e, 10 or 2, found %1</source>
        <translation>a base do logaritmo deve ser e, 10 ou 2; encontrado %1</translation>
    </message>
    <message>
        <source>mnist subset: class %1 has %2 rows, need %3</source>
        <translation>subconjunto do MNIST: a classe %1 tem %2 linhas; são necessárias %3</translation>
    </message>
    <message>
        <source>mosaic of %1×%2×%3 needs %4 values, found shape %5</source>
        <translation>o mosaico de %1×%2×%3 precisa de %4 valores; encontrado o formato %5</translation>
    </message>
    <message>
        <source>need at least 2 class names, found %1</source>
        <translation>são necessários pelo menos 2 nomes de classe; encontrado %1</translation>
    </message>
    <message>
        <source>network input must have shape %1, found %2</source>
        <translation>a entrada da rede deve ter o formato %1; encontrado %2</translation>
    </message>
    <message>
        <source>no filter %1 in %2</source>
        <translation>não há filtro %1 em %2</translation>
    </message>
    <message>
        <source>no model is loaded yet</source>
        <translation>nenhum modelo carregado ainda</translation>
    </message>
    <message>
        <source>no sample digit %1; samples exist for %2</source>
        <translation>não há amostra do dígito %1; há amostras de %2</translation>
    </message>
    <message>
        <source>norm_std must be &gt; 0, found %1</source>
        <translation>norm_std deve ser &gt; 0; encontrado %1</translation>
    </message>
    <message>
        <source>padding must be ≥ 0, found %1</source>
        <translation>o padding deve ser ≥ 0; encontrado %1</translation>
    </message>
    <message>
        <source>pool must be one of %1, found %2</source>
        <translation>o pooling deve ser um de %1; encontrado %2</translation>
    </message>
    <message>
        <source>pool2 output would be %1×%2: input too small</source>
        <translation>a saída da pool2 seria %1×%2: entrada pequena demais</translation>
    </message>
    <message>
        <source>pooling kind must be max or avg, found %1</source>
        <translation>o tipo de pooling deve ser max ou avg; encontrado %1</translation>
    </message>
    <message>
        <source>pooling window %1 is larger than the input %2</source>
        <translation>a janela de pooling %1 é maior que a entrada %2</translation>
    </message>
    <message>
        <source>sample index %1 is missing</source>
        <translation>o índice de amostras %1 não existe</translation>
    </message>
    <message>
        <source>sample index %1 is not valid (%2)</source>
        <translation>o índice de amostras %1 não é válido (%2)</translation>
    </message>
    <message>
        <source>sort contributions by abs, positive or negative, not %1</source>
        <translation>ordene as contribuições por abs, positive ou negative, não por %1</translation>
    </message>
    <message>
        <source>the evaluation failed: %1</source>
        <translation>a avaliação falhou: %1</translation>
    </message>
    <message>
        <source>the kernel has %1 channel(s) but the input has %2: they must match%3</source>
        <translation>o kernel tem %1 canal(is), mas a entrada tem %2: devem ser iguais%3</translation>
    </message>
    <message>
        <source>tile %1 is outside this mosaic of %2 tiles</source>
        <translation>o bloco %1 está fora deste mosaico de %2 blocos</translation>
    </message>
    <message>
        <source>true class %1 is out of range: there are %2 classes (0–%3)</source>
        <translation>a classe verdadeira %1 está fora do intervalo: há %2 classes (0–%3)</translation>
    </message>
    <message>
        <source>unit (row %1, col %2) is outside the %3×%4 output (rows 0–%5, cols 0–%6)</source>
        <translation>a unidade (linha %1, coluna %2) está fora da saída %3×%4 (linhas 0–%5, colunas 0–%6)</translation>
    </message>
    <message>
        <source>unexpected error (%1); details in %2</source>
        <translation>erro inesperado (%1); detalhes em %2</translation>
    </message>
    <message>
        <source>unexpected error (%1)</source>
        <translation>erro inesperado (%1)</translation>
    </message>
    <message>
        <source>unknown activation %1; expected one of %2</source>
        <translation>ativação desconhecida %1; esperada uma de %2</translation>
    </message>
    <message>
        <source>unknown config keys %1; known keys are %2</source>
        <translation>chaves de configuração desconhecidas %1; as conhecidas são %2</translation>
    </message>
    <message>
        <source>unknown dataset %1; expected &apos;mnist&apos;, &apos;fashion&apos;, &apos;idx:FOLDER&apos; or a folder of IDX files</source>
        <translation>conjunto de dados desconhecido %1; esperado &apos;mnist&apos;, &apos;fashion&apos;, &apos;idx:PASTA&apos; ou uma pasta de arquivos IDX</translation>
    </message>
    <message>
        <source>unknown device %1; expected auto, cpu or cuda</source>
        <translation>dispositivo desconhecido %1; esperado auto, cpu ou cuda</translation>
    </message>
    <message>
        <source>unknown layer %1; expected one of %2</source>
        <translation>camada desconhecida %1; esperada uma de %2</translation>
    </message>
    <message>
        <source>weights take %1 inputs but %2 were given</source>
        <translation>os pesos recebem %1 entradas, mas foram dadas %2</translation>
    </message>
    <message>
        <source>%1 has no training snapshots</source>
        <translation>%1 não tem snapshots de treinamento</translation>
    </message>
    <message>
        <source>snapshot %1 is out of range: %2 has %3 snapshots (0 to %4, or -1 for the last)</source>
        <translation>o snapshot %1 está fora do intervalo: %2 tem %3 snapshots (0 a %4, ou -1 para o último)</translation>
    </message>
    <message>
        <source>%1: the snapshot list must be a list, found %2</source>
        <translation>%1: a lista de snapshots deve ser uma lista; encontrado %2</translation>
    </message>
    <message>
        <source>%1: snapshots must be a list, found %2</source>
        <translation>%1: os snapshots devem ser uma lista; encontrado %2</translation>
    </message>
    <message>
        <source>%1: at most %2 snapshots, found %3</source>
        <translation>%1: no máximo %2 snapshots; encontrados %3</translation>
    </message>
    <message>
        <source>%1: %2 must be a finite number, found %3</source>
        <translation>%1: %2 deve ser um número finito; encontrado %3</translation>
    </message>
    <message>
        <source>%1: %2 must be %3, found %4</source>
        <translation>%1: %2 deve ser %3; encontrado %4</translation>
    </message>
    <message>
        <source>%1: snapshot tensors but no snapshot list in the header</source>
        <translation>%1: há tensores de snapshots, mas não há lista de snapshots no cabeçalho</translation>
    </message>
    <message>
        <source>%1: expected a dict, found %2</source>
        <translation>%1: esperado um dict; encontrado %2</translation>
    </message>
    <message>
        <source>%1: steps must increase, found step %2 after %3</source>
        <translation>%1: as iterações devem ser crescentes; encontrada a iteração %2 depois de %3</translation>
    </message>
    <message>
        <source>%1: no state_dict of weights</source>
        <translation>%1: não há state_dict de pesos</translation>
    </message>
    <message>
        <source>optimizer must be one of %1, found %2</source>
        <translation>o otimizador deve ser um de %1; encontrado %2</translation>
    </message>
    <message>
        <source>there is no model to save</source>
        <translation>não há modelo para salvar</translation>
    </message>
    <message>
        <source>this model has no training timeline</source>
        <translation>este modelo não tem linha do tempo de treinamento</translation>
    </message>
    <message>
        <source>snapshot %1 is out of range: the timeline has %2 snapshots (0 to %3)</source>
        <translation>o snapshot %1 está fora do intervalo: a linha do tempo tem %2 snapshots (0 a %3)</translation>
    </message>
    <message>
        <source>could not write %1: %2</source>
        <translation>não foi possível gravar %1: %2</translation>
    </message>
    <message>
        <source>output height %1 is not a whole number: stride %2 does not fit (strides that fit: %3; or change the padding)</source>
        <translation>altura da saída %1 não é um número inteiro: o stride %2 não cabe (strides que cabem: %3; ou mude o padding)</translation>
    </message>
    <message>
        <source>output width %1 is not a whole number: stride %2 does not fit (strides that fit: %3; or change the padding)</source>
        <translation>largura da saída %1 não é um número inteiro: o stride %2 não cabe (strides que cabem: %3; ou mude o padding)</translation>
    </message>
    <message>
        <source>output size %1 is not a whole number: stride %2 does not fit (strides that fit: %3; or change the padding)</source>
        <translation>tamanho da saída %1 não é um número inteiro: o stride %2 não cabe (strides que cabem: %3; ou mude o padding)</translation>
    </message>
    <message>
        <source>%1: refused to load: its pickle would call %2, which could run code (nothing was run); a checkpoint may hold only tensors and plain data%3</source>
        <translation>%1: carregamento recusado: o pickle chamaria %2, o que poderia executar código (nada foi executado); um checkpoint só pode conter tensores e dados simples%3</translation>
    </message>
    <message>
        <source>this looks like a whole pickled nn.Module: save model.state_dict() instead</source>
        <translation>parece um nn.Module inteiro em pickle: salve model.state_dict() em vez disso</translation>
    </message>
    <message>
        <source>%1: refused to load: the pickle holds more than plain data (%2)</source>
        <translation>%1: carregamento recusado: o pickle contém mais do que dados simples (%2)</translation>
    </message>
    <message>
        <source>the pickle data ends early</source>
        <translation>os dados do pickle terminam antes do fim</translation>
    </message>
    <message>
        <source>for several filters on a 1-channel input give the kernel as (K, 1, F, F)</source>
        <translation>para vários filtros numa entrada de 1 canal, dê o kernel como (K, 1, F, F)</translation>
    </message>
    <message>
        <source>missing %1</source>
        <translation>falta %1</translation>
    </message>
    <message>
        <source>unexpected %1</source>
        <translation>sobra %1</translation>
    </message>
    <message>
        <source>%1: expected %2, found %3</source>
        <translation>%1: esperado %2; encontrado %3</translation>
    </message>
    <message>
        <source>%1 is a %2</source>
        <translation>%1 é um %2</translation>
    </message>
    <message>
        <source>%1 has dtype %2</source>
        <translation>%1 tem dtype %2</translation>
    </message>
    <message>
        <source>%1 has %2 NaN/Inf value</source>
        <translation>%1 tem %2 valor NaN/Inf</translation>
    </message>
    <message>
        <source>%1 has %2 NaN/Inf values</source>
        <translation>%1 tem %2 valores NaN/Inf</translation>
    </message>
    <message>
        <source>%1 and %2 more</source>
        <translation>%1 e mais %2</translation>
    </message>
    <message>
        <source>%1→%2→%3 channels, %4×%5 kernels, FC %6, %7 classes</source>
        <translation>canais %1→%2→%3, kernels %4×%5, FC %6, %7 classes</translation>
    </message>
    <message>
        <source>it is a PNG image</source>
        <translation>é uma imagem PNG</translation>
    </message>
    <message>
        <source>it is a JPEG image</source>
        <translation>é uma imagem JPEG</translation>
    </message>
    <message>
        <source>it is a GIF image</source>
        <translation>é uma imagem GIF</translation>
    </message>
    <message>
        <source>it is a BMP image</source>
        <translation>é uma imagem BMP</translation>
    </message>
    <message>
        <source>it is a PDF document</source>
        <translation>é um documento PDF</translation>
    </message>
    <message>
        <source>it is a gzip file</source>
        <translation>é um arquivo gzip</translation>
    </message>
    <message>
        <source>it is a NumPy .npy array</source>
        <translation>é uma matriz .npy do NumPy</translation>
    </message>
    <message>
        <source>it is an IDX data file</source>
        <translation>é um arquivo de dados IDX</translation>
    </message>
    <message>
        <source>unrecognised binary data (starts with %1)</source>
        <translation>dados binários não reconhecidos (começam com %1)</translation>
    </message>
    <message>
        <source>it is a text file (starts with %1)</source>
        <translation>é um arquivo de texto (começa com %1)</translation>
    </message>
    <message>
        <source>expected at least 8 bytes (the header length), found %1</source>
        <translation>esperados pelo menos 8 bytes (o tamanho do cabeçalho); encontrados %1</translation>
    </message>
    <message>
        <source>expected a header of %1 bytes, found %2 after its length</source>
        <translation>esperado um cabeçalho de %1 bytes; encontrados %2 depois do seu tamanho</translation>
    </message>
    <message>
        <source>expected a JSON header listing each tensor&apos;s dtype, shape and data offsets</source>
        <translation>esperado um cabeçalho JSON com o dtype, o formato e as posições dos dados de cada tensor</translation>
    </message>
    <message>
        <source>expected %1 bytes (header and tensor data), found %2</source>
        <translation>esperados %1 bytes (cabeçalho e dados dos tensores); encontrados %2</translation>
    </message>
    <message>
        <source>found %1; expected a LeNet: 2 conv layers followed by 1 or more linear layers</source>
        <translation>há %1; esperada uma LeNet: 2 camadas convolucionais seguidas de 1 ou mais camadas lineares</translation>
    </message>
    <message>
        <source>%1 conv layer</source>
        <translation>%1 camada convolucional</translation>
    </message>
    <message>
        <source>%1 conv layers</source>
        <translation>%1 camadas convolucionais</translation>
    </message>
    <message>
        <source>%1 linear layer</source>
        <translation>%1 camada linear</translation>
    </message>
    <message>
        <source>%1 linear layers</source>
        <translation>%1 camadas lineares</translation>
    </message>
    <message>
        <source>%1 batch-norm layer</source>
        <translation>%1 camada de batch-norm</translation>
    </message>
    <message>
        <source>%1 batch-norm layers</source>
        <translation>%1 camadas de batch-norm</translation>
    </message>
    <message>
        <source>other tensors %1</source>
        <translation>outros tensores %1</translation>
    </message>
    <message>
        <source>%1.weight takes %2 channels but %3.weight gives %4</source>
        <translation>%1.weight recebe %2 canais, mas %3.weight dá %4</translation>
    </message>
    <message>
        <source>%1.weight takes %2 inputs but %3.weight gives %4</source>
        <translation>%1.weight recebe %2 entradas, mas %3.weight dá %4</translation>
    </message>
    <message>
        <source>%1 or %2</source>
        <translation>%1 ou %2</translation>
    </message>
    <message>
        <source>each of %1</source>
        <translation>cada valor de %1</translation>
    </message>
    <message>
        <source>No such file or directory</source>
        <translation>arquivo ou pasta inexistente</translation>
    </message>
    <message>
        <source>Permission denied</source>
        <translation>permissão negada</translation>
    </message>
    <message>
        <source>Is a directory</source>
        <translation>é uma pasta</translation>
    </message>
    <message>
        <source>Not a directory</source>
        <translation>não é uma pasta</translation>
    </message>
    <message>
        <source>File exists</source>
        <translation>o arquivo já existe</translation>
    </message>
    <message>
        <source>No space left on device</source>
        <translation>não há espaço no disco</translation>
    </message>
    <message>
        <source>Read-only file system</source>
        <translation>sistema de arquivos somente leitura</translation>
    </message>
    <message>
        <source>File name too long</source>
        <translation>nome de arquivo longo demais</translation>
    </message>
    <message>
        <source>Operation not permitted</source>
        <translation>operação não permitida</translation>
    </message>
    <message>
        <source>File is not a zip file</source>
        <translation>o arquivo não é um zip</translation>
    </message>
    <message>
        <source>more</source>
        <translation>mais</translation>
    </message>
    <message>
        <source>input</source>
        <translation>a entrada</translation>
    </message>
    <message>
        <source>inputs</source>
        <translation>as entradas</translation>
    </message>
    <message>
        <source>kernel</source>
        <translation>o kernel</translation>
    </message>
    <message>
        <source>weights</source>
        <translation>os pesos</translation>
    </message>
    <message>
        <source>bias</source>
        <translation>o bias</translation>
    </message>
    <message>
        <source>input size N</source>
        <translation>o tamanho da entrada N</translation>
    </message>
    <message>
        <source>kernel size F</source>
        <translation>o tamanho do kernel F</translation>
    </message>
    <message>
        <source>stride S</source>
        <translation>o stride S</translation>
    </message>
    <message>
        <source>padding P</source>
        <translation>o padding P</translation>
    </message>
    <message>
        <source>kernel size</source>
        <translation>o tamanho do kernel</translation>
    </message>
    <message>
        <source>stride</source>
        <translation>o stride</translation>
    </message>
    <message>
        <source>padding</source>
        <translation>o padding</translation>
    </message>
    <message>
        <source>pooling size</source>
        <translation>o tamanho do pooling</translation>
    </message>
    <message>
        <source>output size</source>
        <translation>tamanho da saída</translation>
    </message>
    <message>
        <source>output height</source>
        <translation>altura da saída</translation>
    </message>
    <message>
        <source>output width</source>
        <translation>largura da saída</translation>
    </message>
    <message>
        <source>channel</source>
        <translation>canal</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>unidade</translation>
    </message>
    <message>
        <source>row</source>
        <translation>linha</translation>
    </message>
    <message>
        <source>col</source>
        <translation>coluna</translation>
    </message>
    <message>
        <source>expected units to knock out as layer:index pairs, e.g. conv2:3,fc1:0; found %1</source>
        <translation>esperadas unidades a desligar como pares camada:índice, por exemplo conv2:3,fc1:0; encontrado %1</translation>
    </message>
    <message>
        <source>a knocked-out unit is a (layer, index) pair, found %1</source>
        <translation>uma unidade desligada é um par (camada, índice), encontrado %1</translation>
    </message>
    <message>
        <source>a layer name must be text, found %1</source>
        <translation>o nome de uma camada deve ser um texto, encontrado %1</translation>
    </message>
    <message>
        <source>the index of a knocked-out unit must be a whole number, found %1</source>
        <translation>o índice de uma unidade desligada deve ser um número inteiro, encontrado %1</translation>
    </message>
    <message>
        <source>expected knocked-out units as (layer, index) pairs, found %1</source>
        <translation>esperadas unidades desligadas como pares (camada, índice), encontrado %1</translation>
    </message>
    <message>
        <source>expected layer:index with a whole-number index (e.g. conv2:3), found %1</source>
        <translation>esperado camada:índice com um índice inteiro (por exemplo conv2:3), encontrado %1</translation>
    </message>
    <message>
        <source>no layer %1 to knock units out of; expected one of %2</source>
        <translation>não há camada %1 da qual desligar unidades; esperada uma de %2</translation>
    </message>
    <message>
        <source>%1 has %2 0..%3, found %4 (layers to knock out: %5)</source>
        <translation>%1 tem %2 0..%3, encontrado %4 (camadas com unidades a desligar: %5)</translation>
    </message>
    <message>
        <source>network input must hold finite numbers</source>
        <translation>a entrada da rede deve conter números finitos</translation>
    </message>
    <message>
        <source>a target class must be a class index 0..%1 (or %2 / %3), found %4</source>
        <translation>a classe alvo deve ser um índice de classe 0..%1 (ou %2 / %3), encontrado %4</translation>
    </message>
    <message>
        <source>a target class must be 0..%1, found %2</source>
        <translation>a classe alvo deve ser 0..%1, encontrado %2</translation>
    </message>
    <message>
        <source>Grad-CAM needs a conv layer, one of %1; found %2</source>
        <translation>o Grad-CAM precisa de uma camada convolucional, uma de %1; encontrado %2</translation>
    </message>
    <message>
        <source>live attributions need at least one target</source>
        <translation>as atribuições ao vivo precisam de pelo menos uma classe alvo</translation>
    </message>
    <message>
        <source>occlusion window must be 1..%1 pixels, found %2</source>
        <translation>a janela de oclusão deve ter 1..%1 pixels, encontrado %2</translation>
    </message>
    <message>
        <source>occlusion stride must be 1..%1 (at most the window, so that every pixel is covered), found %2</source>
        <translation>o stride (passo) da oclusão deve ser 1..%1 (no máximo a janela, para que todo pixel seja coberto), encontrado %2</translation>
    </message>
    <message>
        <source>method must be one of %1, found %2</source>
        <translation>o método deve ser um de %1, encontrado %2</translation>
    </message>
    <message>
        <source>a layer applies to Grad-CAM only, not to %1</source>
        <translation>uma camada só se aplica ao Grad-CAM, não a %1</translation>
    </message>
    <message>
        <source>network input must be an array of shape %1</source>
        <translation>a entrada da rede deve ser um array de formato %1</translation>
    </message>
    <message>
        <source>%1 (a guess) needs the pass&apos;s probabilities</source>
        <translation>%1 (um palpite) precisa das probabilidades da passagem</translation>
    </message>
    <message>
        <source>a contrast is two classes (a, b), found %1</source>
        <translation>um contraste são duas classes (a, b), encontrado %1</translation>
    </message>
    <message>
        <source>a contrast needs two different classes, found %1 and %2 (logit_a − logit_b would be 0 everywhere)</source>
        <translation>um contraste precisa de duas classes diferentes, encontradas %1 e %2 (logit_a − logit_b seria 0 em toda parte)</translation>
    </message>
    <message>
        <source>occlusion %1 must be a whole number, found %2</source>
        <translation>%1 da oclusão deve ser um número inteiro, encontrado %2</translation>
    </message>
    <message>
        <source>feature visualisation needs one of %1; found %2</source>
        <translation>a visualização de características precisa de uma de %1; encontrado %2</translation>
    </message>
    <message>
        <source>%1 index must be a whole number, found %2</source>
        <translation>o índice de %1 deve ser um número inteiro, encontrado %2</translation>
    </message>
    <message>
        <source>%1 has 0..%2, found %3</source>
        <translation>%1 tem 0..%2, encontrado %3</translation>
    </message>
    <message>
        <source>need lr &gt; 0 and l2 ≥ 0, found lr=%1, l2=%2</source>
        <translation>é preciso lr &gt; 0 e l2 ≥ 0, encontrado lr=%1, l2=%2</translation>
    </message>
    <message>
        <source>%1 must be a whole number ≥ 0, found %2</source>
        <translation>%1 deve ser um número inteiro ≥ 0, encontrado %2</translation>
    </message>
    <message>
        <source>dataset images have 1 channel, the model&apos;s input has %1</source>
        <translation>as imagens do conjunto de dados têm 1 canal, a entrada do modelo tem %1</translation>
    </message>
    <message>
        <source>top patches need a conv layer, one of %1; found %2</source>
        <translation>os melhores recortes precisam de uma camada convolucional, uma de %1; encontrado %2</translation>
    </message>
    <message>
        <source>a filter is a whole number 0..%1, found %2</source>
        <translation>um filtro é um número inteiro 0..%1, encontrado %2</translation>
    </message>
    <message>
        <source>%1 has filters 0..%2, found %3</source>
        <translation>%1 tem filtros 0..%2, encontrado %3</translation>
    </message>
    <message>
        <source>k must be a whole number 1..%1, found %2</source>
        <translation>k deve ser um número inteiro 1..%1, encontrado %2</translation>
    </message>
    <message>
        <source>k must be 1..%1 (the images of %2), found %3</source>
        <translation>k deve ser 1..%1 (as imagens de %2), encontrado %3</translation>
    </message>
    <message>
        <source>%1 is a symbolic link; expected a regular file to write</source>
        <translation>%1 é um link simbólico; esperado um arquivo comum para gravar</translation>
    </message>
    <message>
        <source>%1 is a folder; expected a file name</source>
        <translation>%1 é uma pasta; esperado um nome de arquivo</translation>
    </message>
    <message>
        <source>%1 is a special file (a pipe or a device); expected a regular file</source>
        <translation>%1 é um arquivo especial (um pipe ou um dispositivo); esperado um arquivo comum</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2 (%3)</source>
        <translation>%1 não pode ser gravado: %2 (%3)</translation>
    </message>
    <message>
        <source>the training loss became %1 at step %2 (learning rate %3): the weights blew up and nothing was saved; try a learning rate 10× smaller</source>
        <translation>a perda de treinamento virou %1 na iteração %2 (taxa de aprendizado %3): os pesos explodiram e nada foi salvo; tente uma taxa de aprendizado 10× menor</translation>
    </message>
    <message>
        <source>the GPU failed (%1); the network now runs on the CPU</source>
        <translation>a GPU falhou (%1); a rede agora roda na CPU</translation>
    </message>
    <message>
        <source>the GPU failed (%1); training starts again on the CPU</source>
        <translation>a GPU falhou (%1); o treinamento recomeça na CPU</translation>
    </message>
    <message>
        <source>the training process ended unexpectedly (exit code %1)</source>
        <translation>o processo de treinamento terminou de forma inesperada (código de saída %1)</translation>
    </message>
    <message>
        <source>a weight must be a number, found %1</source>
        <translation>um peso deve ser um número, encontrado %1</translation>
    </message>
    <message>
        <source>a weight must be a finite number, found %1</source>
        <translation>um peso deve ser um número finito, encontrado %1</translation>
    </message>
    <message>
        <source>a weight must lie between -1000000 and 1000000, found %1</source>
        <translation>um peso deve estar entre -1000000 e 1000000, encontrado %1</translation>
    </message>
    <message>
        <source>expected a weight as layer[out,in,row,col], found %1</source>
        <translation>esperado um peso como camada[saída,entrada,linha,coluna], encontrado %1</translation>
    </message>
    <message>
        <source>no conv layer %1 with kernel weights to edit; expected one of %2</source>
        <translation>não há camada convolucional %1 com pesos de kernel a editar; esperada uma de %2</translation>
    </message>
    <message>
        <source>%1&apos;s weights are %2 (out, in, row, col), found index [%3]</source>
        <translation>os pesos de %1 são %2 (saída, entrada, linha, coluna), encontrado o índice [%3]</translation>
    </message>
    <message>
        <source>a weight&apos;s %1 must be a whole number, found %2</source>
        <translation>o %1 de um peso deve ser um número inteiro, encontrado %2</translation>
    </message>
    <message>
        <source>expected a weight as (layer, out_channel, in_channel, row, col), found %1</source>
        <translation>esperado um peso como (camada, canal de saída, canal de entrada, linha, coluna), encontrado %1</translation>
    </message>
    <message>
        <source>expected a %1 field, found shape %2</source>
        <translation>esperado um campo %1, encontrado o formato %2</translation>
    </message>
    <message>
        <source>expected a 2-D image to move, found shape %1</source>
        <translation>esperada uma imagem 2-D para mover, encontrado o formato %1</translation>
    </message>
    <message>
        <source>the digit&apos;s %1 must be a number, found %2</source>
        <translation>o parâmetro %1 do dígito deve ser um número, encontrado %2</translation>
    </message>
    <message>
        <source>the digit&apos;s %1 must be between %2 and %3, found %4</source>
        <translation>o parâmetro %1 do dígito deve estar entre %2 e %3, encontrado %4</translation>
    </message>
    <message>
        <source>expected a DigitTransform, found %1</source>
        <translation>esperada uma DigitTransform, encontrado %1</translation>
    </message>
    <message>
        <source>saved %1 with edited weights: %2</source>
        <translation>%1 salvo com pesos editados: %2</translation>
    </message>
    <message>
        <source>edited weights dropped (%1): they do not apply to the new weights</source>
        <translation>pesos editados descartados (%1): eles não valem para os novos pesos</translation>
    </message>
    <message>
        <source>switched back on (this model has no such units): %1</source>
        <translation>religadas (este modelo não tem essas unidades): %1</translation>
    </message>
    <message>
        <source>expected NAME=VALUE with NAME one of %1 or recentre, found %2</source>
        <translation>esperado NOME=VALOR com NOME entre %1 ou recentre, encontrado %2</translation>
    </message>
    <message>
        <source>recentre must be on or off, found %1</source>
        <translation>recentre deve ser on ou off, encontrado %1</translation>
    </message>
    <message>
        <source>cannot export to %1: it is a file, expected a folder</source>
        <translation>não é possível exportar para %1: é um arquivo, esperava-se uma pasta</translation>
    </message>
    <message>
        <source>cannot export to %1: %2</source>
        <translation>não é possível exportar para %1: %2</translation>
    </message>
    <message>
        <source>--unit: expected LAYER:CHANNEL:ROW:COL (conv, pool) or LAYER:UNIT (fc1, fc2, logits, probs), e.g. conv2:3:4:5; found %1</source>
        <translation>--unit: esperava-se CAMADA:CANAL:LINHA:COLUNA (conv, pool) ou CAMADA:UNIDADE (fc1, fc2, logits, probs), p. ex. conv2:3:4:5; encontrado %1</translation>
    </message>
    <message>
        <source>--unit: no layer %1 with arithmetic; expected one of %2</source>
        <translation>--unit: não há camada %1 com aritmética; esperava-se uma de %2</translation>
    </message>
    <message>
        <source>--unit: %1 units have a channel, a row and a col (%2:CHANNEL:ROW:COL), found %3</source>
        <translation>--unit: as unidades da %1 têm canal, linha e coluna (%2:CANAL:LINHA:COLUNA); encontrado %3</translation>
    </message>
    <message>
        <source>--unit: %1 does not exist: %2 has channels 0–%3, rows 0–%4 and cols 0–%5</source>
        <translation>--unit: %1 não existe: a %2 tem canais 0–%3, linhas 0–%4 e colunas 0–%5</translation>
    </message>
    <message>
        <source>--unit: %1 units have one index (%2:UNIT), found %3</source>
        <translation>--unit: as unidades da %1 têm um só índice (%2:UNIDADE); encontrado %3</translation>
    </message>
    <message>
        <source>--unit: %1 does not exist: %2 has units 0–%3</source>
        <translation>--unit: %1 não existe: a %2 tem unidades 0–%3</translation>
    </message>
    <message>
        <source>no table for a %1</source>
        <translation>não há tabela para um %1</translation>
    </message>
    <message>
        <source>there is no network to export yet: the model is still loading</source>
        <translation>ainda não há rede para exportar: o modelo está carregando</translation>
    </message>
    <message>
        <source>no panel %1 is shown; the panels shown are %2</source>
        <translation>o painel %1 não está visível; os painéis visíveis são %2</translation>
    </message>
    <message>
        <source>could not encode the picture as PNG</source>
        <translation>não foi possível codificar a figura como PNG</translation>
    </message>
    <message>
        <source>there is no input yet: draw a digit or pick a sample first</source>
        <translation>ainda não há entrada: desenhe um dígito ou escolha uma amostra primeiro</translation>
    </message>
    <message>
        <source>no unit is selected: click a unit in the network panels first</source>
        <translation>nenhuma unidade selecionada: clique primeiro numa unidade dos painéis da rede</translation>
    </message>
    <message>
        <source>the network input has no arithmetic: select a unit of a layer</source>
        <translation>a entrada da rede não tem aritmética: selecione uma unidade de uma camada</translation>
    </message>
    <message>
        <source>%1: the drawing must be a base64 PNG image</source>
        <translation>%1: o desenho deve ser uma imagem PNG em base64</translation>
    </message>
    <message>
        <source>%1: the drawing is %2×%3 pixels; expected at most %4×%5</source>
        <translation>%1: o desenho tem %2×%3 pixels; esperava-se no máximo %4×%5</translation>
    </message>
    <message>
        <source>%1: the drawing is not a readable PNG image (%2)</source>
        <translation>%1: o desenho não é uma imagem PNG legível (%2)</translation>
    </message>
    <message>
        <source>%1: the drawing must be a grey PNG image, found mode %2</source>
        <translation>%1: o desenho deve ser uma imagem PNG em tons de cinza; encontrado o modo %2</translation>
    </message>
    <message>
        <source>the scene would be larger than a scene file may be (%1 bytes)</source>
        <translation>a cena ficaria maior do que um arquivo de cena pode ser (%1 bytes)</translation>
    </message>
    <message>
        <source>%1: unexpected key %2 in %3</source>
        <translation>%1: chave inesperada %2 em %3</translation>
    </message>
    <message>
        <source>%1: unexpected key %2</source>
        <translation>%1: chave inesperada %2</translation>
    </message>
    <message>
        <source>%1 is not a CNN Explainer scene (expected a JSON object)</source>
        <translation>%1 não é uma cena do CNN Explainer (esperava-se um objeto JSON)</translation>
    </message>
    <message>
        <source>%1 is not a CNN Explainer scene (its format is not %2)</source>
        <translation>%1 não é uma cena do CNN Explainer (o seu formato não é %2)</translation>
    </message>
    <message>
        <source>%1 is a scene of version %2, made by a newer CNN Explainer; this one reads version %3</source>
        <translation>%1 é uma cena da versão %2, feita por um CNN Explainer mais novo; este lê a versão %3</translation>
    </message>
    <message>
        <source>%1: a drawing in MNIST form is 28×28 pixels, found %2×%3</source>
        <translation>%1: um desenho na forma do MNIST tem 28×28 pixels; encontrado %2×%3</translation>
    </message>
    <message>
        <source>%1: selection.row and selection.col must both be given or both be null</source>
        <translation>%1: selection.row e selection.col devem ser ambos dados ou ambos null</translation>
    </message>
    <message>
        <source>%1 is larger than a scene file may be (%2 bytes; at most %3)</source>
        <translation>%1 é maior do que um arquivo de cena pode ser (%2 bytes; no máximo %3)</translation>
    </message>
    <message>
        <source>%1 is not a scene file (it is not UTF-8 text)</source>
        <translation>%1 não é um arquivo de cena (não é texto UTF-8)</translation>
    </message>
    <message>
        <source>%1 is not a scene file (not valid JSON: %2 at line %3)</source>
        <translation>%1 não é um arquivo de cena (JSON inválido: %2 na linha %3)</translation>
    </message>
    <message>
        <source>%1 is not a scene file (%2)</source>
        <translation>%1 não é um arquivo de cena (%2)</translation>
    </message>
    <message>
        <source>scene file not found: %1</source>
        <translation>arquivo de cena não encontrado: %1</translation>
    </message>
    <message>
        <source>expected a scene file, found a folder: %1</source>
        <translation>esperava-se um arquivo de cena; encontrada uma pasta: %1</translation>
    </message>
    <message>
        <source>could not read the scene file %1: %2</source>
        <translation>não foi possível ler o arquivo de cena %1: %2</translation>
    </message>
    <message>
        <source>%1: language must be one of %2, found %3</source>
        <translation>%1: o idioma deve ser um de %2; encontrado %3</translation>
    </message>
    <message>
        <source>%1 is not a number a scene may hold</source>
        <translation>%1 não é um número que uma cena possa conter</translation>
    </message>
    <message>
        <source>an object or null</source>
        <translation>um objeto ou null</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>um objeto</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>uma lista</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true ou false</translation>
    </message>
    <message>
        <source>a whole number from %1 to %2</source>
        <translation>um número inteiro de %1 a %2</translation>
    </message>
    <message>
        <source>one of %1</source>
        <translation>um de %1</translation>
    </message>
    <message>
        <source>a layer name</source>
        <translation>o nome de uma camada</translation>
    </message>
    <message>
        <source>the path of a checkpoint file</source>
        <translation>o caminho de um arquivo de checkpoint</translation>
    </message>
    <message>
        <source>the file name of model.path</source>
        <translation>o nome do arquivo de model.path</translation>
    </message>
    <message>
        <source>a language code such as en or pt_BR</source>
        <translation>um código de idioma como en ou pt_BR</translation>
    </message>
    <message>
        <source>a list of at most %1 panel names</source>
        <translation>uma lista de no máximo %1 nomes de painéis</translation>
    </message>
    <message>
        <source>%1: the IDX file holds no images (its header declares 0)</source>
        <translation>%1: o arquivo IDX não tem imagens (o seu cabeçalho declara 0)</translation>
    </message>
    <message>
        <source>%1 cannot be written (%2)</source>
        <translation>%1 não pode ser gravado (%2)</translation>
    </message>
    <message>
        <source>%1 has data offsets %2; expected [begin, end] within the %3 bytes of data</source>
        <translation>%1 tem as posições de dados %2; esperado [início, fim] dentro dos %3 bytes de dados</translation>
    </message>
    <message>
        <source>%1 has dtype %2, not a safetensors one</source>
        <translation>%1 tem o dtype %2, que não é do safetensors</translation>
    </message>
    <message>
        <source>%1 has shape %2: more values than a model may have (%3)</source>
        <translation>%1 tem o formato %2: mais valores do que um modelo pode ter (%3)</translation>
    </message>
    <message>
        <source>%1 has shape %2; expected whole numbers</source>
        <translation>%1 tem o formato %2; esperados números inteiros</translation>
    </message>
    <message>
        <source>%1 holds a number beyond the range of a float64 (about ±1.8e308)</source>
        <translation>%1 contém um número fora do alcance de um float64 (cerca de ±1,8e308)</translation>
    </message>
    <message>
        <source>%1 may hold at most %2 sizes, found %3</source>
        <translation>%1 pode ter no máximo %2 tamanhos; encontrados %3</translation>
    </message>
    <message>
        <source>%1 must be a finite number, found %2</source>
        <translation>%1 deve ser um número finito; encontrado %2</translation>
    </message>
    <message>
        <source>%1 must be a list of whole numbers, found %2</source>
        <translation>%1 deve ser uma lista de números inteiros; encontrado %2</translation>
    </message>
    <message>
        <source>%1 must be a list of whole numbers, found %2 in it</source>
        <translation>%1 deve ser uma lista de números inteiros; encontrado %2 nela</translation>
    </message>
    <message>
        <source>%1 must be a name (a string), found %2</source>
        <translation>%1 deve ser um nome (um texto); encontrado %2</translation>
    </message>
    <message>
        <source>%1 must be a number, found %2</source>
        <translation>%1 deve ser um número; encontrado %2</translation>
    </message>
    <message>
        <source>%1 must be an object with dtype, shape and data_offsets</source>
        <translation>%1 deve ser um objeto com dtype, shape e data_offsets</translation>
    </message>
    <message>
        <source>%1 must be at most %2 (a worked grid here is at most %3 cells a side), found %4</source>
        <translation>%1 deve ser no máximo %2 (uma grade calculada aqui tem no máximo %3 células de lado); encontrado %4</translation>
    </message>
    <message>
        <source>%1 must be at most %2 (the sizes of a network&apos;s layers), found %3</source>
        <translation>%1 deve ser no máximo %2 (os tamanhos das camadas de uma rede); encontrado %3</translation>
    </message>
    <message>
        <source>%1 must be between %2 and %3, found %4</source>
        <translation>%1 deve estar entre %2 e %3; encontrado %4</translation>
    </message>
    <message>
        <source>%1 tensors; at most %2 are read</source>
        <translation>%1 tensores; no máximo %2 são lidos</translation>
    </message>
    <message>
        <source>%1: %2 bytes, larger than %3 may be (at most %4 bytes)</source>
        <translation>%1: %2 bytes, maior do que %3 pode ser (no máximo %4 bytes)</translation>
    </message>
    <message>
        <source>%1: %2 has %3 values, more than a whole model may have (%4)</source>
        <translation>%1: %2 tem %3 valores, mais do que um modelo inteiro pode ter (%4)</translation>
    </message>
    <message>
        <source>%1: %2 is a %3 tensor; expected a dense (strided) tensor</source>
        <translation>%1: %2 é um tensor %3; esperado um tensor denso (strided)</translation>
    </message>
    <message>
        <source>%1: %2 is a nested tensor; expected a plain tensor</source>
        <translation>%1: %2 é um tensor aninhado (nested); esperado um tensor simples</translation>
    </message>
    <message>
        <source>%1: %2 is a quantised tensor; expected floats</source>
        <translation>%1: %2 é um tensor quantizado; esperados números de ponto flutuante</translation>
    </message>
    <message>
        <source>%1: %2 is a tensor on device %3 without values; expected a tensor with its values in the file</source>
        <translation>%1: %2 é um tensor no dispositivo %3, sem valores; esperado um tensor com seus valores no arquivo</translation>
    </message>
    <message>
        <source>%1: %2.weight has %3 channels; at most %4 are allowed</source>
        <translation>%1: %2.weight tem %3 canais; são permitidos no máximo %4</translation>
    </message>
    <message>
        <source>%1: %2.weight has %3 outputs (classes); at most %4 are allowed</source>
        <translation>%1: %2.weight tem %3 saídas (classes); são permitidas no máximo %4</translation>
    </message>
    <message>
        <source>%1: %2.weight has %3 outputs; at most %4 are allowed</source>
        <translation>%1: %2.weight tem %3 saídas; são permitidas no máximo %4</translation>
    </message>
    <message>
        <source>%1: %2.weight has a %3-pixel kernel; at most %4 are allowed</source>
        <translation>%1: %2.weight tem um kernel de %3 pixels; são permitidos no máximo %4</translation>
    </message>
    <message>
        <source>%1: JSON nested %2 levels deep; at most %3 are read</source>
        <translation>%1: JSON aninhado em %2 níveis; no máximo %3 são lidos</translation>
    </message>
    <message>
        <source>%1: a .npy input must have the model&apos;s input shape %2, found %3</source>
        <translation>%1: uma entrada .npy deve ter o formato de entrada do modelo %2; encontrado %3</translation>
    </message>
    <message>
        <source>%1: a .npy input must hold finite numbers, found %2 NaN/Inf</source>
        <translation>%1: uma entrada .npy deve conter números finitos; encontrados %2 NaN/Inf</translation>
    </message>
    <message>
        <source>%1: a .npy input must hold real numbers (integers or floats), found dtype %2</source>
        <translation>%1: uma entrada .npy deve conter números reais (inteiros ou de ponto flutuante); encontrado o dtype %2</translation>
    </message>
    <message>
        <source>%1: a .npy input&apos;s values must lie within ±%2 (an image is in [0, 1]), found %3</source>
        <translation>%1: os valores de uma entrada .npy devem estar dentro de ±%2 (uma imagem está em [0, 1]); encontrado %3</translation>
    </message>
    <message>
        <source>%1: a .npz archive (several arrays in a zip), not a .npy array; save the one input with numpy.save</source>
        <translation>%1: um arquivo .npz (vários arrays em um zip), não um array .npy; salve a entrada única com numpy.save</translation>
    </message>
    <message>
        <source>%1: a file whose size is not known (like the files of /proc and /sys); expected %2 on disk</source>
        <translation>%1: um arquivo de tamanho desconhecido (como os de /proc e /sys); esperado %2 em disco</translation>
    </message>
    <message>
        <source>%1: a part of the path %2 is a file, not a folder</source>
        <translation>%1: uma parte do caminho %2 é um arquivo, não uma pasta</translation>
    </message>
    <message>
        <source>%1: a symbolic link loop (%2); expected %3</source>
        <translation>%1: um ciclo de links simbólicos (%2); esperado %3</translation>
    </message>
    <message>
        <source>%1: a symbolic link to a file that does not exist (%2); expected %3</source>
        <translation>%1: um link simbólico para um arquivo que não existe (%2); esperado %3</translation>
    </message>
    <message>
        <source>%1: a zip archive of %2 members; a checkpoint has far fewer (at most %3 are read)</source>
        <translation>%1: um arquivo zip de %2 membros; um checkpoint tem muito menos (no máximo %3 são lidos)</translation>
    </message>
    <message>
        <source>%1: cannot be read (%2)</source>
        <translation>%1: não pode ser lido (%2)</translation>
    </message>
    <message>
        <source>%1: empty file (0 bytes), expected %2</source>
        <translation>%1: arquivo vazio (0 bytes); esperado %2</translation>
    </message>
    <message>
        <source>%1: expected finite pixel values, found %2 NaN/Inf pixels</source>
        <translation>%1: esperados valores de pixel finitos; encontrados %2 pixels NaN/Inf</translation>
    </message>
    <message>
        <source>%1: expected pixel values from 0 to 255 (or 65,535), found values from %2 to %3</source>
        <translation>%1: esperados valores de pixel de 0 a 255 (ou 65.535); encontrados valores de %2 a %3</translation>
    </message>
    <message>
        <source>%1: is %2, not a regular file; expected %3</source>
        <translation>%1: é %2, não um arquivo comum; esperado %3</translation>
    </message>
    <message>
        <source>%1: is a folder, expected %2</source>
        <translation>%1: é uma pasta; esperado %2</translation>
    </message>
    <message>
        <source>%1: its shape needs %2 bytes, its data offsets give %3</source>
        <translation>%1: o formato precisa de %2 bytes; as posições dos dados dão %3</translation>
    </message>
    <message>
        <source>%1: its zip archive unpacks to %2 bytes; at most %3 are read (a zip bomb, or not a checkpoint of this app)</source>
        <translation>%1: o arquivo zip se descompacta em %2 bytes; no máximo %3 são lidos (uma bomba zip, ou não é um checkpoint deste aplicativo)</translation>
    </message>
    <message>
        <source>%1: larger than %2 may be (at most %3 bytes)</source>
        <translation>%1: maior do que %2 pode ser (no máximo %3 bytes)</translation>
    </message>
    <message>
        <source>%1: not UTF-8 text (byte 0x%2 at position %3); expected %4</source>
        <translation>%1: não é texto UTF-8 (byte 0x%2 na posição %3); esperado %4</translation>
    </message>
    <message>
        <source>%1: not a .npy array (it does not start with the .npy magic string)</source>
        <translation>%1: não é um array .npy (não começa com a assinatura de um .npy)</translation>
    </message>
    <message>
        <source>%1: not a gzip file (%2 bytes)</source>
        <translation>%1: não é um arquivo gzip (%2 bytes)</translation>
    </message>
    <message>
        <source>%1: not a readable .npy header (%2)</source>
        <translation>%1: cabeçalho .npy ilegível (%2)</translation>
    </message>
    <message>
        <source>%1: not a valid path (it holds a NUL character)</source>
        <translation>%1: não é um caminho válido (contém um caractere NUL)</translation>
    </message>
    <message>
        <source>%1: state_dict names must be strings, found %2 (%3)</source>
        <translation>%1: os nomes do state_dict devem ser textos; encontrado %2 (%3)</translation>
    </message>
    <message>
        <source>%1: step must be an integer from 0 to 2^53, found %2</source>
        <translation>%1: o passo deve ser um inteiro de 0 a 2^53; encontrado %2</translation>
    </message>
    <message>
        <source>%1: the gzip file unpacks to %2 bytes; at most %3 are read</source>
        <translation>%1: o arquivo gzip se descompacta em %2 bytes; no máximo %3 são lidos</translation>
    </message>
    <message>
        <source>%1: the header declares %2 bytes of data, the gzip file unpacks to %3</source>
        <translation>%1: o cabeçalho declara %2 bytes de dados; o arquivo gzip se descompacta em %3</translation>
    </message>
    <message>
        <source>%1: the header declares %2 bytes of values, the file holds %3</source>
        <translation>%1: o cabeçalho declara %2 bytes de valores; o arquivo tem %3</translation>
    </message>
    <message>
        <source>%1: the state_dict holds %2 entries; a LeNet has far fewer (at most %3 are read)</source>
        <translation>%1: o state_dict tem %2 entradas; uma LeNet tem muito menos (no máximo %3 são lidas)</translation>
    </message>
    <message>
        <source>%1: the state_dict holds %2 values, more than a model may have (%3)</source>
        <translation>%1: o state_dict tem %2 valores, mais do que um modelo pode ter (%3)</translation>
    </message>
    <message>
        <source>%1: truncated or corrupt safetensors file (%2)</source>
        <translation>%1: arquivo safetensors truncado ou corrompido (%2)</translation>
    </message>
    <message>
        <source>%1: unsupported architecture: %2 linear layers; at most %3 (hidden layers and the output) are allowed</source>
        <translation>%1: arquitetura não suportada: %2 camadas lineares; são permitidas no máximo %3 (camadas ocultas e a de saída)</translation>
    </message>
    <message>
        <source>%1: weights must be float16, bfloat16, float32 or float64, but %2</source>
        <translation>%1: os pesos devem ser float16, bfloat16, float32 ou float64, mas %2</translation>
    </message>
    <message>
        <source>IDX dataset folder %1 cannot be used (%2)</source>
        <translation>a pasta de dados IDX %1 não pode ser usada (%2)</translation>
    </message>
    <message>
        <source>__metadata__ must map names to strings</source>
        <translation>__metadata__ deve associar nomes a textos</translation>
    </message>
    <message>
        <source>a .npy array</source>
        <translation>um array .npy</translation>
    </message>
    <message>
        <source>a JSON file</source>
        <translation>um arquivo JSON</translation>
    </message>
    <message>
        <source>a block device</source>
        <translation>um dispositivo de blocos</translation>
    </message>
    <message>
        <source>a character device (like /dev/zero)</source>
        <translation>um dispositivo de caracteres (como /dev/zero)</translation>
    </message>
    <message>
        <source>a checkpoint file</source>
        <translation>um arquivo de checkpoint</translation>
    </message>
    <message>
        <source>a class name may have at most %1 characters, found one of %2 (%3)</source>
        <translation>um nome de classe pode ter no máximo %1 caracteres; encontrado um de %2 (%3)</translation>
    </message>
    <message>
        <source>a logit minus the largest logit</source>
        <translation>um logit menos o maior logit</translation>
    </message>
    <message>
        <source>a named pipe (FIFO)</source>
        <translation>um pipe nomeado (FIFO)</translation>
    </message>
    <message>
        <source>a product</source>
        <translation>um produto</translation>
    </message>
    <message>
        <source>a socket</source>
        <translation>um socket</translation>
    </message>
    <message>
        <source>a sum of products</source>
        <translation>uma soma de produtos</translation>
    </message>
    <message>
        <source>an IDX file</source>
        <translation>um arquivo IDX</translation>
    </message>
    <message>
        <source>an image file</source>
        <translation>um arquivo de imagem</translation>
    </message>
    <message>
        <source>an integer with more digits than can be read (4,300)</source>
        <translation>um inteiro com mais dígitos do que podem ser lidos (4.300)</translation>
    </message>
    <message>
        <source>at most %1 class names are allowed, found %2</source>
        <translation>são permitidos no máximo %1 nomes de classe; encontrados %2</translation>
    </message>
    <message>
        <source>channels and filters must be at most %1, found %2 and %3</source>
        <translation>canais e filtros devem ser no máximo %1; encontrados %2 e %3</translation>
    </message>
    <message>
        <source>class names must be strings, found %1</source>
        <translation>os nomes de classe devem ser textos; encontrado %1</translation>
    </message>
    <message>
        <source>class_names must be a list of names, found %1</source>
        <translation>class_names deve ser uma lista de nomes; encontrado %1</translation>
    </message>
    <message>
        <source>config keys must be strings, found %1</source>
        <translation>as chaves da configuração devem ser textos; encontrado %1</translation>
    </message>
    <message>
        <source>could not read image %1: not enough memory to decode it</source>
        <translation>não foi possível ler a imagem %1: não há memória suficiente para decodificá-la</translation>
    </message>
    <message>
        <source>each of %1 must be between 1 and %2, found %3</source>
        <translation>cada valor de %1 deve estar entre 1 e %2; encontrado %3</translation>
    </message>
    <message>
        <source>expected a JSON header listing each tensor&apos;s dtype, shape and data offsets; the %1</source>
        <translation>esperado um cabeçalho JSON com o dtype, o formato e as posições dos dados de cada tensor; %1</translation>
    </message>
    <message>
        <source>expected a JSON object, found %1</source>
        <translation>esperado um objeto JSON; encontrado %1</translation>
    </message>
    <message>
        <source>expected a header of %1 bytes; at most %2 are read</source>
        <translation>esperado um cabeçalho de %1 bytes; no máximo %2 são lidos</translation>
    </message>
    <message>
        <source>expected an IDX dataset folder after &apos;idx:&apos;, found %1</source>
        <translation>esperada uma pasta de dados IDX depois de &apos;idx:&apos;; encontrado %1</translation>
    </message>
    <message>
        <source>expected at least %1 bytes (the header length), found %2</source>
        <translation>esperados pelo menos %1 bytes (o tamanho do cabeçalho); encontrados %2</translation>
    </message>
    <message>
        <source>extra must be a dict, found %1</source>
        <translation>extra deve ser um dicionário; encontrado %1</translation>
    </message>
    <message>
        <source>norm_mean must be a finite number, found %1</source>
        <translation>norm_mean deve ser um número finito; encontrado %1</translation>
    </message>
    <message>
        <source>one input would make %1 activation values, at most %2 are allowed (fewer channels or a smaller input)</source>
        <translation>uma entrada geraria %1 valores de ativação; são permitidos no máximo %2 (menos canais ou uma entrada menor)</translation>
    </message>
    <message>
        <source>overflow: %1 is beyond the range of a float64 (about ±1.8e308); use smaller numbers</source>
        <translation>estouro (overflow): %1 está fora do alcance de um float64 (cerca de ±1,8e308); use números menores</translation>
    </message>
    <message>
        <source>padding must be at most the kernel size %1, found %2</source>
        <translation>o padding deve ser no máximo o tamanho do kernel %1; encontrado %2</translation>
    </message>
    <message>
        <source>the convolution would take %1 multiplications; at most %2 are worked out (a smaller input, kernel or padding)</source>
        <translation>a convolução levaria %1 multiplicações; no máximo %2 são calculadas (uma entrada, um kernel ou um padding menor)</translation>
    </message>
    <message>
        <source>%1: the image has %2 pixels; at most %3 are read (e.g. 4000×4000): make it smaller</source>
        <translation>%1: a imagem tem %2 pixels; no máximo %3 são lidos (p. ex. 4000×4000): reduza-a</translation>
    </message>
    <message>
        <source>the image is %1×%2 = %3 pixels; at most %4 are read (e.g. 4000×4000): make it smaller</source>
        <translation>a imagem tem %1×%2 = %3 pixels; no máximo %4 são lidos (p. ex. 4000×4000): reduza-a</translation>
    </message>
    <message>
        <source>the model would have %1 parameters, at most %2 are allowed (fewer channels, narrower fully connected layers or a smaller input)</source>
        <translation>o modelo teria %1 parâmetros; são permitidos no máximo %2 (menos canais, camadas totalmente conectadas mais estreitas ou uma entrada menor)</translation>
    </message>
    <message>
        <source>the sum of a window</source>
        <translation>a soma de uma janela</translation>
    </message>
    <message>
        <source>the sum of products and the bias</source>
        <translation>a soma dos produtos e do bias</translation>
    </message>
    <message>
        <source>the sum of the window</source>
        <translation>a soma da janela</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Unexpected error</source>
        <translation>Erro inesperado</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copiar detalhes</translation>
    </message>
    <message>
        <source>Something went wrong inside CNN Explainer. Your drawing and the model are kept.</source>
        <translation>Algo deu errado dentro do CNN Explainer. Seu desenho e o modelo foram mantidos.</translation>
    </message>
    <message>
        <source>(%1 times since this dialog opened)</source>
        <translation>(%1 vezes desde que esta janela abriu)</translation>
    </message>
    <message>
        <source>Details were saved to %1</source>
        <translation>Os detalhes foram salvos em %1</translation>
    </message>
</context>
<context>
    <name>Datasets</name>
    <message>
        <source>MNIST</source>
        <translation>MNIST</translation>
    </message>
    <message>
        <source>Fashion-MNIST</source>
        <translation>Fashion-MNIST</translation>
    </message>
    <message>
        <source>MNIST (training)</source>
        <translation>MNIST (treino)</translation>
    </message>
    <message>
        <source>MNIST (held-out digits)</source>
        <translation>MNIST (dígitos de avaliação)</translation>
    </message>
    <message>
        <source>Fashion-MNIST (training)</source>
        <translation>Fashion-MNIST (treino)</translation>
    </message>
    <message>
        <source>Fashion-MNIST (test)</source>
        <translation>Fashion-MNIST (teste)</translation>
    </message>
    <message>
        <source>IDX folder %1 (training)</source>
        <translation>pasta IDX %1 (treino)</translation>
    </message>
    <message>
        <source>IDX folder %1 (test)</source>
        <translation>pasta IDX %1 (teste)</translation>
    </message>
</context>
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
    <name>EvaluationDialog</name>
    <message>
        <source>Folder of IDX files (t10k-images, t10k-labels)</source>
        <translation>Pasta de arquivos IDX (t10k-images, t10k-labels)</translation>
    </message>
    <message>
        <source>No model is loaded yet.</source>
        <translation>Nenhum modelo carregado ainda.</translation>
    </message>
    <message>
        <source>Choose a folder of IDX files first.</source>
        <translation>Escolha primeiro uma pasta de arquivos IDX.</translation>
    </message>
    <message>
        <source>Loading the data…</source>
        <translation>Carregando os dados…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>Avaliar</translation>
    </message>
    <message>
        <source>%1 of %2 images</source>
        <translation>%1 de %2 imagens</translation>
    </message>
    <message>
        <source>%1 of %2 image</source>
        <translation>%1 de %2 imagem</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Falhou</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>Done in %1 s</source>
        <translation>Concluída em %1 s</translation>
    </message>
    <message>
        <source>Accuracy of %1 on %2: %3% (%4 of %5 image right)</source>
        <translation>Acurácia de %1 em %2: %3% (%4 de %5 imagem certa)</translation>
    </message>
    <message>
        <source>Accuracy of %1 on %2: %3% (%4 of %5 images right)</source>
        <translation>Acurácia de %1 em %2: %3% (%4 de %5 imagens certas)</translation>
    </message>
    <message>
        <source>Warning: the model&apos;s classes (%1, …) are not this dataset&apos;s (%2, …): it was not trained for these images, so this accuracy measures nothing.</source>
        <translation>Atenção: as classes do modelo (%1, …) não são as deste conjunto de dados (%2, …): ele não foi treinado para estas imagens, então esta acurácia não mede nada.</translation>
    </message>
    <message>
        <source>The window now shows %1: press Evaluate to measure that model.</source>
        <translation>A janela agora mostra %1: clique em Avaliar para medir esse modelo.</translation>
    </message>
    <message>
        <source>Test image #%1 (%2)</source>
        <translation>Imagem de teste nº %1 (%2)</translation>
    </message>
    <message>
        <source>Evaluate, then click a cell of the matrix to see its images.</source>
        <translation>Avalie e depois clique numa célula da matriz para ver as suas imagens.</translation>
    </message>
    <message>
        <source>Click a cell to see its images: the diagonal holds the right answers, the other cells the mistakes.</source>
        <translation>Clique numa célula para ver as suas imagens: a diagonal tem os acertos, as outras células os erros.</translation>
    </message>
    <message>
        <source>True class %1, predicted %2: no images.</source>
        <translation>Classe verdadeira %1, prevista %2: nenhuma imagem.</translation>
    </message>
    <message>
        <source>True class %1, predicted %2: %3 image. Click it to explain it.</source>
        <translation>Classe verdadeira %1, prevista %2: %3 imagem. Clique nela para explicá-la.</translation>
    </message>
    <message>
        <source>True class %1, predicted %2: %3 images. Click one to explain it.</source>
        <translation>Classe verdadeira %1, prevista %2: %3 imagens. Clique numa para explicá-la.</translation>
    </message>
    <message>
        <source>Evaluate the model</source>
        <translation>Avaliar o modelo</translation>
    </message>
    <message>
        <source>Test set:</source>
        <translation>Conjunto de teste:</translation>
    </message>
    <message>
        <source>Held-out MNIST digits (1,000)</source>
        <translation>Dígitos MNIST separados para avaliação (1.000)</translation>
    </message>
    <message>
        <source>Fashion-MNIST test images (10,000)</source>
        <translation>Imagens de teste do Fashion-MNIST (10.000)</translation>
    </message>
    <message>
        <source>Folder of IDX files…</source>
        <translation>Pasta de arquivos IDX…</translation>
    </message>
    <message>
        <source>folder with t10k-images-idx3-ubyte(.gz)</source>
        <translation>pasta com t10k-images-idx3-ubyte(.gz)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Procurar…</translation>
    </message>
    <message>
        <source>true class</source>
        <translation>classe verdadeira</translation>
    </message>
    <message>
        <source>predicted class</source>
        <translation>classe prevista</translation>
    </message>
    <message>
        <source>Choose a test set and press Evaluate: the confusion matrix will appear here.</source>
        <translation>Escolha um conjunto de teste e clique em Avaliar: a matriz de confusão aparecerá aqui.</translation>
    </message>
    <message>
        <source>Not run yet</source>
        <translation>A avaliação ainda não foi executada</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>CNN Explainer: the network&apos;s layers</source>
        <translation>CNN Explainer: as camadas da rede</translation>
    </message>
    <message>
        <source>network</source>
        <translation>rede</translation>
    </message>
    <message>
        <source>CNN Explainer: %1</source>
        <translation>CNN Explainer: %1</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>The whole network view</source>
        <translation>A visualização inteira da rede</translation>
    </message>
    <message>
        <source>Panel: %1</source>
        <translation>Painel: %1</translation>
    </message>
    <message>
        <source>No picture</source>
        <translation>Nenhuma figura</translation>
    </message>
    <message>
        <source>Arithmetic of the selected unit, %1 (CSV, Markdown, LaTeX)</source>
        <translation>Aritmética da unidade selecionada, %1 (CSV, Markdown, LaTeX)</translation>
    </message>
    <message>
        <source>Arithmetic of the selected unit (CSV, Markdown, LaTeX): click a unit first</source>
        <translation>Aritmética da unidade selecionada (CSV, Markdown, LaTeX): clique primeiro numa unidade</translation>
    </message>
    <message>
        <source>Draw a digit first: only pictures can be exported.</source>
        <translation>Desenhe primeiro um dígito: por enquanto só as figuras podem ser exportadas.</translation>
    </message>
    <message>
        <source>Export to folder</source>
        <translation>Exportar para a pasta</translation>
    </message>
    <message>
        <source>Choose a folder to export to.</source>
        <translation>Escolha uma pasta para onde exportar.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>Figura</translation>
    </message>
    <message>
        <source>PNG at 2× (for slides)</source>
        <translation>PNG em 2× (para slides)</translation>
    </message>
    <message>
        <source>SVG (vector)</source>
        <translation>SVG (vetorial)</translation>
    </message>
    <message>
        <source>Trace of the current input (.npz: every layer&apos;s numbers)</source>
        <translation>Os números de todas as camadas para a entrada atual (.npz)</translation>
    </message>
    <message>
        <source>Softmax and loss table (CSV, Markdown, LaTeX)</source>
        <translation>Tabela da softmax e da perda (CSV, Markdown, LaTeX)</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Pasta</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Escolher…</translation>
    </message>
</context>
<context>
    <name>ExportFeatures</name>
    <message>
        <source>Exported %1 file to %2</source>
        <translation>%1 arquivo exportado para %2</translation>
    </message>
    <message>
        <source>Exported %1 files to %2</source>
        <translation>%1 arquivos exportados para %2</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>E&amp;xportar…</translation>
    </message>
    <message>
        <source>Pictures of the panels (PNG, SVG), the trace (.npz) and the arithmetic as tables (CSV, Markdown, LaTeX)</source>
        <translation>Figuras dos painéis (PNG, SVG), os números de todas as camadas (.npz) e a aritmética em tabelas (CSV, Markdown, LaTeX)</translation>
    </message>
</context>
<context>
    <name>FcPage</name>
    <message>
        <source>%1: the %2 inputs</source>
        <translation>%1: as %2 entradas</translation>
    </message>
    <message>
        <source>the %1 largest |input × weight| of %2 (either sign)</source>
        <translation>os %1 maiores |entrada × peso| de %2 (qualquer sinal)</translation>
    </message>
    <message>
        <source>Σ of the %1 products in the chart</source>
        <translation>Σ dos %1 produtos do gráfico</translation>
    </message>
    <message>
        <source>+ Σ of the other %1</source>
        <translation>+ Σ dos outros %1</translation>
    </message>
    <message>
        <source>= Σ of all %1 products</source>
        <translation>= Σ de todos os %1 produtos</translation>
    </message>
</context>
<context>
    <name>FilterView</name>
    <message>
        <source>What does a filter look for?</source>
        <translation>O que um filtro procura?</translation>
    </message>
    <message>
        <source>Click a map of conv1 or conv2 (or hover over one) to see the dataset patches its filter answers most strongly and the input it likes most; click a class score (logits) for the input that class likes most.</source>
        <translation>Clique num mapa de ativação da conv1 ou da conv2 (ou passe o mouse sobre um) para ver os recortes do conjunto de dados aos quais o seu filtro responde mais forte e a entrada de que ele mais gosta; clique na pontuação de uma classe (logits) para ver a entrada de que essa classe mais gosta.</translation>
    </message>
    <message>
        <source>What the network takes for class %1</source>
        <translation>O que a rede reconhece como classe %1</translation>
    </message>
    <message>
        <source>Dataset patches are shown for conv filters: a class&apos;s score reads the whole input.</source>
        <translation>Os recortes do conjunto de dados são mostrados para filtros de convolução: a pontuação de uma classe lê a entrada inteira.</translation>
    </message>
    <message>
        <source>What %1 filter %2 looks for</source>
        <translation>O que o filtro %2 da %1 procura</translation>
    </message>
    <message>
        <source>Searching the dataset for the top patches…</source>
        <translation>Procurando no conjunto de dados os melhores recortes…</translation>
    </message>
    <message>
        <source>Image %1 (class %2), unit at row %3, column %4: %5</source>
        <translation>Imagem %1 (classe %2), unidade na linha %3, coluna %4: %5</translation>
    </message>
    <message>
        <source>The %1 patches, of the %3 images of %2, where this filter&apos;s strongest unit is largest: each is that unit&apos;s receptive field; the number is its activation.</source>
        <translation>Os %1 recortes, entre as %3 imagens de %2, em que a unidade mais forte deste filtro é a maior: cada um é o campo receptivo dessa unidade; o número é a sua ativação.</translation>
    </message>
    <message>
        <source>Optimising an input for this filter…</source>
        <translation>Otimizando uma entrada para este filtro…</translation>
    </message>
    <message>
        <source>Feature visualisation: an input made by gradient ascent from a blank input (with jitter and a small L2 penalty) to raise class %1&apos;s logit, %2 → %3. An optimisation, not a data sample.</source>
        <translation>Visualização de características: uma entrada feita por subida de gradiente a partir de uma entrada em branco (com deslocamentos aleatórios e uma pequena penalidade L2) para aumentar o logit da classe %1, %2 → %3. É uma otimização, não uma amostra dos dados.</translation>
    </message>
    <message>
        <source>Feature visualisation: an input made by gradient ascent from a blank input (with jitter and a small L2 penalty) to raise this filter&apos;s mean activation, %1 → %2. An optimisation, not a data sample.</source>
        <translation>Visualização de características: uma entrada feita por subida de gradiente a partir de uma entrada em branco (com deslocamentos aleatórios e uma pequena penalidade L2) para aumentar a ativação média deste filtro, %1 → %2. É uma otimização, não uma amostra dos dados.</translation>
    </message>
</context>
<context>
    <name>FocusDialog</name>
    <message>
        <source>Focus: %1</source>
        <translation>Foco: %1</translation>
    </message>
    <message>
        <source>%1 and the layer it reads, %2. Hover to link them; click to select.</source>
        <translation>%1 e a camada que ela lê, %2. Passe o mouse para ligá-las; clique para selecionar.</translation>
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
    <name>LayerNames</name>
    <message>
        <source>input</source>
        <translation>entrada</translation>
    </message>
    <message>
        <source>%1 filters</source>
        <translation>filtros da %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Open another model</source>
        <translation>Abrir outro modelo</translation>
    </message>
    <message>
        <source>A network is being trained. Stop the training? What it learned so far is kept until you open another model.</source>
        <translation>Uma rede está sendo treinada. Parar o treinamento? O que ela aprendeu até agora fica guardado até você abrir outro modelo.</translation>
    </message>
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
        <translation>A área de transferência não contém imagem. Copie primeiro a imagem de um dígito.</translation>
    </message>
    <message>
        <source>Could not open the sample</source>
        <translation>Não foi possível abrir a amostra</translation>
    </message>
    <message>
        <source>Sample %1</source>
        <translation>Amostra %1</translation>
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
        <source>Undo</source>
        <translation>Desfazer</translation>
    </message>
    <message>
        <source>Undo: %1 (Ctrl+Z)</source>
        <translation>Desfazer: %1 (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Nothing to undo</source>
        <translation>Nada a desfazer</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Refazer</translation>
    </message>
    <message>
        <source>Nothing to redo</source>
        <translation>Nada a refazer</translation>
    </message>
    <message>
        <source>Redo: %1 (Ctrl+Shift+Z)</source>
        <translation>Refazer: %1 (Ctrl+Shift+Z)</translation>
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
        <translation>A&amp;mostras</translation>
    </message>
    <message>
        <source>The samples are handwritten digits; this model knows other classes.</source>
        <translation>As amostras são dígitos manuscritos; este modelo conhece outras classes.</translation>
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
        <source>&amp;Undo: %1</source>
        <translation>&amp;Desfazer: %1</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Refazer</translation>
    </message>
    <message>
        <source>&amp;Redo: %1</source>
        <translation>&amp;Refazer: %1</translation>
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
        <source>This model knows %1, …: draw one, or open or paste a picture of one (the right button erases).</source>
        <translation>Este modelo conhece %1, …: desenhe um, ou abra ou cole uma imagem de um (o botão direito apaga).</translation>
    </message>
    <message>
        <source>Brush</source>
        <translation>Pincel</translation>
    </message>
    <message>
        <source>Brush size ([ and ])</source>
        <translation>Tamanho do pincel ([ e ])</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Sair</translation>
    </message>
    <message>
        <source>Could not select the unit</source>
        <translation>Não foi possível selecionar a unidade</translation>
    </message>
</context>
<context>
    <name>ModelDialog</name>
    <message>
        <source>Model details</source>
        <translation>Detalhes do modelo</translation>
    </message>
</context>
<context>
    <name>ModelPanel</name>
    <message>
        <source>Model: %1</source>
        <translation>Modelo: %1</translation>
    </message>
    <message>
        <source>input</source>
        <translation>entrada</translation>
    </message>
    <message>
        <source>convolution %1×%1 + %2</source>
        <translation>convolução %1×%1 + %2</translation>
    </message>
    <message>
        <source>%1 pooling %2×%2</source>
        <translation>%1 pooling %2×%2</translation>
    </message>
    <message>
        <source>max</source>
        <translation>max</translation>
    </message>
    <message>
        <source>average</source>
        <translation>average</translation>
    </message>
    <message>
        <source>fully connected + %1</source>
        <translation>totalmente conectada + %1</translation>
    </message>
    <message>
        <source>fully connected → softmax</source>
        <translation>totalmente conectada → softmax</translation>
    </message>
    <message>
        <source>input, padded by %1</source>
        <translation>entrada, com padding %1</translation>
    </message>
    <message>
        <source>total</source>
        <translation>total</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Arquivo</translation>
    </message>
    <message>
        <source>%1 training images</source>
        <translation>%1 imagens de treino</translation>
    </message>
    <message>
        <source>%1 training image</source>
        <translation>%1 imagem de treino</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Conjunto de dados</translation>
    </message>
    <message>
        <source>(%1 of %2 held-out images)</source>
        <translation>(%1 de %2 imagens separadas para avaliação)</translation>
    </message>
    <message>
        <source>(%1 of %2 test images)</source>
        <translation>(%1 de %2 imagens de teste)</translation>
    </message>
    <message>
        <source>(%1 of %2 images)</source>
        <translation>(%1 de %2 imagens)</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Acurácia</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Épocas</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>on %1</source>
        <translation>em %1</translation>
    </message>
    <message>
        <source>Training time</source>
        <translation>Tempo de treino</translation>
    </message>
    <message>
        <source>(assumed: not stored in the file)</source>
        <translation>(presumido: não consta no arquivo)</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>Ativação</translation>
    </message>
    <message>
        <source>Pooling</source>
        <translation>Pooling</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <source>%1×%1, padding %2, normalised (x − %3) / %4</source>
        <translation>%1×%1, padding %2, normalizada (x − %3) / %4</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>Classes</translation>
    </message>
    <message>
        <source>Imported from</source>
        <translation>Importado de</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Salvo em</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Camada</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Operação</translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation>Formato da saída</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parâmetros</translation>
    </message>
    <message>
        <source>Formula (weights + bias)·outputs</source>
        <translation>Fórmula (pesos + bias)·saídas</translation>
    </message>
    <message>
        <source>About this checkpoint</source>
        <translation>Sobre este checkpoint</translation>
    </message>
</context>
<context>
    <name>MoveDigitDock</name>
    <message>
        <source>Move the digit</source>
        <translation>Mover o dígito</translation>
    </message>
    <message>
        <source>&amp;Move the digit</source>
        <translation>&amp;Mover o dígito</translation>
    </message>
</context>
<context>
    <name>MoveDigitPanel</name>
    <message>
        <source>Re-centring is on: the digit&apos;s centre of mass is put back in the middle, as the preprocessing does, so a shift changes nothing. Switch it off to see the feature maps move with the digit.</source>
        <translation>A recentralização está ligada: o centro de massa do dígito volta para o meio, como faz o pré-processamento, então um deslocamento não muda nada. Desligue-a para ver os mapas de características se moverem com o dígito.</translation>
    </message>
    <message>
        <source>Re-centring is off: a shift by whole pixels moves every feature map by the same pixels (convolution is shift-equivariant); pooling hides part of the move, and the guesses may change.</source>
        <translation>A recentralização está desligada: um deslocamento de pixels inteiros move cada mapa de características pelos mesmos pixels (a convolução é equivariante à translação); o pooling esconde parte do movimento, e os palpites podem mudar.</translation>
    </message>
    <message>
        <source>Shift right (px)</source>
        <translation>Deslocamento à direita (px)</translation>
    </message>
    <message>
        <source>Shift down (px)</source>
        <translation>Deslocamento para baixo (px)</translation>
    </message>
    <message>
        <source>Rotation (°)</source>
        <translation>Rotação (°)</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>Escala</translation>
    </message>
    <message>
        <source>Stroke thickness (px)</source>
        <translation>Espessura do traço (px)</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>Ruído</translation>
    </message>
    <message>
        <source>Counter-clockwise, about the digit&apos;s centre</source>
        <translation>Anti-horário, em torno do centro do dígito</translation>
    </message>
    <message>
        <source>The same noise pattern every time (a fixed seed), scaled by this amount</source>
        <translation>O mesmo padrão de ruído sempre (uma semente fixa), multiplicado por esta quantidade</translation>
    </message>
    <message>
        <source>Re-centre the digit (as the preprocessing does)</source>
        <translation>Recentralizar o dígito (como faz o pré-processamento)</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Restaurar</translation>
    </message>
    <message>
        <source>The digit as drawn: not moved, no noise</source>
        <translation>O dígito como foi desenhado: sem movimento, sem ruído</translation>
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
        <source>max pooling %1×%1</source>
        <translation>max pooling %1×%1</translation>
    </message>
    <message>
        <source>%1 filter %2: its %3 kernels</source>
        <translation>%1 filtro %2: seus %3 kernels</translation>
    </message>
    <message>
        <source>average pooling %1×%1</source>
        <translation>average pooling %1×%1</translation>
    </message>
    <message>
        <source>Hover over a unit to see its value and receptive field; click to select it.</source>
        <translation>Passe o mouse sobre uma unidade para ver seu valor e campo receptivo; clique para selecioná-la.</translation>
    </message>
    <message>
        <source>%1 weight [%2, %3, %4, %5] = %6</source>
        <translation>peso da %1 [%2, %3, %4, %5] = %6</translation>
    </message>
    <message>
        <source>  (probability %1)</source>
        <translation>  (probabilidade %1)</translation>
    </message>
    <message>
        <source>  (switched off)</source>
        <translation>  (desligado)</translation>
    </message>
</context>
<context>
    <name>NumberGrid</name>
    <message>
        <source>0 pad</source>
        <translation>0 pad</translation>
    </message>
    <message>
        <source>%1 (edited; it was %2)</source>
        <translation>%1 (editado; era %2)</translation>
    </message>
</context>
<context>
    <name>NumberTable</name>
    <message>
        <source>zero padding</source>
        <translation>padding (preenchimento com zeros)</translation>
    </message>
    <message>
        <source>no window reaches this cell</source>
        <translation>nenhuma janela alcança esta célula</translation>
    </message>
    <message>
        <source>“%1” is too large for the computer&apos;s numbers (at most about ±1.8e308); the cell keeps %2.</source>
        <translation>“%1” é grande demais para os números do computador (no máximo cerca de ±1,8e308); a célula continua com %2.</translation>
    </message>
    <message>
        <source>“%1” is not a number; the cell keeps %2.</source>
        <translation>“%1” não é um número; a célula continua com %2.</translation>
    </message>
</context>
<context>
    <name>PlaygroundDialog</name>
    <message>
        <source>channel %1</source>
        <translation>canal %1</translation>
    </message>
    <message>
        <source>bias</source>
        <translation>bias</translation>
    </message>
    <message>
        <source>filter %1</source>
        <translation>filtro %1</translation>
    </message>
    <message>
        <source>Parameters: (F·F·C + 1)·K = %1</source>
        <translation>Parâmetros: (F·F·C + 1)·K = %1</translation>
    </message>
    <message>
        <source>Output size: (N + 2P − F)/S + 1 = %1</source>
        <translation>Tamanho da saída: (N + 2P − F)/S + 1 = %1</translation>
    </message>
    <message>
        <source>Does not fit: %1</source>
        <translation>Não cabe: %1</translation>
    </message>
    <message>
        <source>No output: a sum is too large for the computer&apos;s numbers. Use smaller numbers in the grids.</source>
        <translation>Sem saída: uma soma é grande demais para os números do computador. Use números menores nas grades.</translation>
    </message>
    <message>
        <source>No output: the windows do not tile the input. The pink cells are left over: no window reaches them. Change S, P or F.</source>
        <translation>Sem saída: as janelas não cobrem a entrada. As células rosa sobram: nenhuma janela as alcança. Mude S, P ou F.</translation>
    </message>
    <message>
        <source>Output size: (N + 2P − F)/S + 1 = %1, so the output is %2</source>
        <translation>Tamanho da saída: (N + 2P − F)/S + 1 = %1, então a saída é %2</translation>
    </message>
    <message>
        <source>Worked steps of output cell (filter %1, row %2, col %3)</source>
        <translation>Passo a passo da célula de saída (filtro %1, linha %2, coluna %3)</translation>
    </message>
    <message>
        <source>my preset</source>
        <translation>meu exemplo</translation>
    </message>
    <message>
        <source>Could not load the preset</source>
        <translation>Não foi possível abrir o exemplo</translation>
    </message>
    <message>
        <source>this preset has %1 = %2, and the playground takes %3 to %4</source>
        <translation>este exemplo tem %1 = %2, e o laboratório aceita de %3 a %4</translation>
    </message>
    <message>
        <source>Could not save the preset</source>
        <translation>Não foi possível salvar o exemplo</translation>
    </message>
    <message>
        <source>Load preset</source>
        <translation>Abrir exemplo</translation>
    </message>
    <message>
        <source>Presets (%1)</source>
        <translation>Exemplos (%1)</translation>
    </message>
    <message>
        <source>Save preset</source>
        <translation>Salvar exemplo</translation>
    </message>
    <message>
        <source>Convolution playground</source>
        <translation>Laboratório de convolução</translation>
    </message>
    <message>
        <source>N, input size</source>
        <translation>N, tamanho da entrada</translation>
    </message>
    <message>
        <source>F, kernel size</source>
        <translation>F, tamanho do kernel</translation>
    </message>
    <message>
        <source>S, stride</source>
        <translation>S, stride (passo)</translation>
    </message>
    <message>
        <source>P, padding</source>
        <translation>P, padding (preenchimento)</translation>
    </message>
    <message>
        <source>C, input channels</source>
        <translation>C, canais de entrada</translation>
    </message>
    <message>
        <source>K, filters</source>
        <translation>K, filtros</translation>
    </message>
    <message>
        <source>Textbook presets</source>
        <translation>Exemplos de livro-texto</translation>
    </message>
    <message>
        <source>Random integers</source>
        <translation>Inteiros aleatórios</translation>
    </message>
    <message>
        <source>Input 0 to 9, weights and biases −2 to 2</source>
        <translation>Entrada de 0 a 9; pesos e bias de −2 a 2</translation>
    </message>
    <message>
        <source>Zeros</source>
        <translation>Zeros</translation>
    </message>
    <message>
        <source>Load preset…</source>
        <translation>Abrir exemplo…</translation>
    </message>
    <message>
        <source>Save preset…</source>
        <translation>Salvar exemplo…</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <source>Type numbers in the cells; grey cells are the zero padding.</source>
        <translation>Digite números nas células; as células cinza são o padding (preenchimento com zeros).</translation>
    </message>
    <message>
        <source>One kernel per input channel, one bias per filter.</source>
        <translation>Um kernel por canal de entrada, um bias por filtro.</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Saída</translation>
    </message>
    <message>
        <source>Click a cell to see its worked steps.</source>
        <translation>Clique numa célula para ver o passo a passo.</translation>
    </message>
    <message>
        <source>Kernels and biases</source>
        <translation>Kernels e bias</translation>
    </message>
    <message>
        <source>Worked steps</source>
        <translation>Passo a passo</translation>
    </message>
</context>
<context>
    <name>PoolPage</name>
    <message>
        <source>%1[%2]: window</source>
        <translation>%1[%2]: janela</translation>
    </message>
    <message>
        <source>%1×%2 window of %3, stride %4</source>
        <translation>janela %1×%2 sobre a %3, stride %4</translation>
    </message>
    <message>
        <source>The largest of the %1 values (marked) is kept: input row %2, col %3.</source>
        <translation>O maior dos %1 valores (marcado) é mantido: linha %2, coluna %3 da entrada.</translation>
    </message>
    <message>
        <source>max of the %1 values →</source>
        <translation>máximo dos %1 valores →</translation>
    </message>
    <message>
        <source>Average pooling: the mean of the %1 values.</source>
        <translation>Average pooling: a média dos %1 valores.</translation>
    </message>
    <message>
        <source>Σ of the %1 values</source>
        <translation>Σ dos %1 valores</translation>
    </message>
    <message>
        <source>mean = Σ / %1 →</source>
        <translation>média = Σ / %1 →</translation>
    </message>
</context>
<context>
    <name>PreprocessView</name>
    <message>
        <source>Ink bounding
box</source>
        <translation>Caixa
delimitadora</translation>
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
        <translation>Antes de a rede ver o seu desenho, ele é preparado como os dígitos do MNIST com que a rede aprendeu: recortado pela caixa delimitadora do traço, reduzido para caber numa caixa de 20×20, posicionado de modo que o seu centro de massa fique no centro de um campo de 28×28 e então completado com padding (zeros) até o tamanho da entrada da rede.</translation>
    </message>
    <message>
        <source>No ink yet: draw a digit.</source>
        <translation>Nada desenhado ainda: desenhe um dígito.</translation>
    </message>
    <message>
        <source>Centre of mass at row %1, column %2</source>
        <translation>Centro de massa na linha %1, coluna %2</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Procurar em:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Arquivos do &amp;tipo:</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>no activation: the value</source>
        <translation>sem ativação: o valor</translation>
    </message>
    <message>
        <source>+ bias</source>
        <translation>+ bias</translation>
    </message>
    <message>
        <source>= before the activation</source>
        <translation>= antes da ativação</translation>
    </message>
    <message>
        <source>the network computed</source>
        <translation>a rede calculou</translation>
    </message>
</context>
<context>
    <name>SceneFeatures</name>
    <message>
        <source>Could not save the scene</source>
        <translation>Não foi possível salvar a cena</translation>
    </message>
    <message>
        <source>Scene saved: %1</source>
        <translation>Cena salva: %1</translation>
    </message>
    <message>
        <source>Save scene</source>
        <translation>Salvar cena</translation>
    </message>
    <message>
        <source>Scenes (%1)</source>
        <translation>Cenas (%1)</translation>
    </message>
    <message>
        <source>Open scene</source>
        <translation>Abrir cena</translation>
    </message>
    <message>
        <source>The scene names no model file; it opens with the default model.</source>
        <translation>A cena não indica nenhum arquivo de modelo; ela abre com o modelo padrão.</translation>
    </message>
    <message>
        <source>The scene&apos;s model %1 was not found; it opens with the default model.</source>
        <translation>O modelo da cena, %1, não foi encontrado; ela abre com o modelo padrão.</translation>
    </message>
    <message>
        <source>Could not open the scene</source>
        <translation>Não foi possível abrir a cena</translation>
    </message>
    <message>
        <source>%1: its unit %2 is not a unit of its model, %3</source>
        <translation>%1: a unidade %2 não é uma unidade do seu modelo, %3</translation>
    </message>
    <message>
        <source>%1: its switched-off units %2 are not units of its model, %3</source>
        <translation>%1: as unidades desligadas %2 não são unidades do seu modelo, %3</translation>
    </message>
    <message>
        <source>Scene opened with the default model</source>
        <translation>Cena aberta com o modelo padrão</translation>
    </message>
    <message>
        <source>The scene&apos;s unit %1 is not a unit of this model: none is selected.</source>
        <translation>A unidade %1 da cena não é uma unidade deste modelo: nenhuma foi selecionada.</translation>
    </message>
    <message>
        <source>The scene&apos;s switched-off units %1 are not units of this model: they stay on.</source>
        <translation>As unidades desligadas %1 da cena não são unidades deste modelo: elas continuam ligadas.</translation>
    </message>
    <message>
        <source>The scene&apos;s snapshot %1 is not in this model&apos;s training timeline, which has %2 snapshots (0 to %3): it shows the model&apos;s final weights.</source>
        <translation>O snapshot %1 da cena não está na linha do tempo de treinamento deste modelo, que tem %2 snapshots (0 a %3): a cena abre com os pesos finais do modelo.</translation>
    </message>
    <message>
        <source>The scene&apos;s snapshot %1 is not in this model&apos;s training timeline, which has none: it shows the model&apos;s final weights.</source>
        <translation>O snapshot %1 da cena não está na linha do tempo de treinamento deste modelo, que não tem nenhum: a cena abre com os pesos finais do modelo.</translation>
    </message>
    <message>
        <source>Scene opened: %1</source>
        <translation>Cena aberta: %1</translation>
    </message>
    <message>
        <source>Scene opened: %1, at snapshot %2 of %3 of the training timeline</source>
        <translation>Cena aberta: %1, no snapshot %2 de %3 da linha do tempo de treinamento</translation>
    </message>
    <message>
        <source>Open &amp;scene…</source>
        <translation>Abrir c&amp;ena…</translation>
    </message>
    <message>
        <source>Open a prepared example: drawing, model, selected unit and panel settings</source>
        <translation>Abrir um exemplo preparado: desenho, modelo, unidade selecionada e ajustes dos painéis</translation>
    </message>
    <message>
        <source>Sa&amp;ve scene…</source>
        <translation>Sal&amp;var cena…</translation>
    </message>
    <message>
        <source>Keep this drawing, the model, the selected unit and the panel settings in one file, to open before class</source>
        <translation>Guardar este desenho, o modelo, a unidade selecionada e os ajustes dos painéis num arquivo, para abrir na aula</translation>
    </message>
</context>
<context>
    <name>ShippedModels</name>
    <message>
        <source>MNIST, ReLU, max pooling</source>
        <translation>MNIST, ReLU, max pooling</translation>
    </message>
    <message>
        <source>LeNet-5 flavour: scaled tanh and average pooling</source>
        <translation>no estilo LeNet-5: tanh escalada e average pooling</translation>
    </message>
    <message>
        <source>Fashion-MNIST</source>
        <translation>Fashion-MNIST</translation>
    </message>
    <message>
        <source>the default run after 1 epoch</source>
        <translation>o treino do default após 1 época</translation>
    </message>
    <message>
        <source>random initialisation</source>
        <translation>inicialização aleatória</translation>
    </message>
    <message>
        <source>default: MNIST subset, ReLU, max pooling, augmented for mouse drawings</source>
        <translation>default: subconjunto do MNIST, ReLU, max pooling, com aumento de dados para desenhos feitos com o mouse</translation>
    </message>
    <message>
        <source>classic: LeNet-5 flavour, scaled tanh 1.7159·tanh(2x/3) and average pooling</source>
        <translation>classic: no estilo LeNet-5, tanh escalada 1,7159·tanh(2x/3) e average pooling</translation>
    </message>
    <message>
        <source>snapshot after 1 of 100 epochs of the run that made default.pt (default: MNIST subset, ReLU, max pooling, augmented for mouse drawings)</source>
        <translation>estado após 1 das 100 épocas do treino que gerou o default.pt (default: subconjunto do MNIST, ReLU, max pooling, com aumento de dados para desenhos feitos com o mouse)</translation>
    </message>
    <message>
        <source>fashion: full Fashion-MNIST (Debian dataset-fashion-mnist)</source>
        <translation>fashion: Fashion-MNIST completo (pacote Debian dataset-fashion-mnist)</translation>
    </message>
    <message>
        <source>untrained: random initialisation with seed 0</source>
        <translation>untrained: inicialização aleatória com semente 0</translation>
    </message>
</context>
<context>
    <name>SoftmaxPage</name>
    <message>
        <source>Draw a digit to see the softmax of its logits.</source>
        <translation>Desenhe um dígito para ver a softmax dos seus logits.</translation>
    </message>
    <message>
        <source>%1 true label   %2 the network&apos;s guess</source>
        <translation>%1 rótulo verdadeiro   %2 palpite da rede</translation>
    </message>
    <message>
        <source>1. subtract the largest logit, %1, from every logit (avoids overflow; the result is the same)
2. exp of each
3. add them up: Σ = %2
4. divide each exp by Σ: the probabilities, which sum to 1</source>
        <translation>1. subtraia o maior logit, %1, de cada logit (evita estouro; o resultado é o mesmo)
2. exp de cada um
3. some todos: Σ = %2
4. divida cada exp por Σ: as probabilidades, que somam 1</translation>
    </message>
    <message>
        <source>True label unknown: pick the class this drawing really is to see its cross-entropy loss (the network&apos;s guess is %1).</source>
        <translation>Rótulo verdadeiro desconhecido: escolha a classe que este desenho realmente representa para ver a sua perda de entropia cruzada (o palpite da rede é %1).</translation>
    </message>
    <message>
        <source>cross-entropy for true label %1: −%2(p[%1]) = −%2(%3) = %4</source>
        <translation>entropia cruzada para o rótulo verdadeiro %1: −%2(p[%1]) = −%2(%3) = %4</translation>
    </message>
    <message>
        <source>Its label names another model&apos;s classes: not known for this one.</source>
        <translation>O rótulo desta imagem é de classes de outro modelo: não é conhecido para este.</translation>
    </message>
    <message>
        <source>Drawn by hand: its true label is not known.</source>
        <translation>Desenhado à mão: o rótulo verdadeiro não é conhecido.</translation>
    </message>
    <message>
        <source>From the sample: a real MNIST digit of this class.</source>
        <translation>Da amostra: um dígito real do MNIST desta classe.</translation>
    </message>
    <message>
        <source>From the test set: the label the dataset gives this image.</source>
        <translation>Do conjunto de teste: o rótulo que o conjunto de dados dá a esta imagem.</translation>
    </message>
    <message>
        <source>From the file name.</source>
        <translation>Do nome do arquivo.</translation>
    </message>
    <message>
        <source>Picked by you.</source>
        <translation>Escolhido por você.</translation>
    </message>
    <message>
        <source>True label</source>
        <translation>Rótulo verdadeiro</translation>
    </message>
    <message>
        <source>unknown — pick one</source>
        <translation>desconhecido — escolha um</translation>
    </message>
    <message>
        <source>Logarithm base</source>
        <translation>Base do logaritmo</translation>
    </message>
    <message>
        <source>e (natural, ln)</source>
        <translation>e (natural, ln)</translation>
    </message>
    <message>
        <source>10 (log₁₀)</source>
        <translation>10 (log₁₀)</translation>
    </message>
    <message>
        <source>2 (log₂, bits)</source>
        <translation>2 (log₂, bits)</translation>
    </message>
    <message>
        <source>class</source>
        <translation>classe</translation>
    </message>
    <message>
        <source>logit z</source>
        <translation>logit z</translation>
    </message>
    <message>
        <source>z − max</source>
        <translation>z − máx</translation>
    </message>
    <message>
        <source>exp(z − max)</source>
        <translation>exp(z − máx)</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>probabilidade</translation>
    </message>
</context>
<context>
    <name>StepperBar</name>
    <message>
        <source>position %1 (0 to %2)</source>
        <translation>posição %1 (de 0 a %2)</translation>
    </message>
    <message>
        <source>Step back (Left)</source>
        <translation>Voltar um passo (←)</translation>
    </message>
    <message>
        <source>Step forward (Right)</source>
        <translation>Avançar um passo (→)</translation>
    </message>
    <message>
        <source>Pause (Space)</source>
        <translation>Pausar (Espaço)</translation>
    </message>
    <message>
        <source>Play (Space)</source>
        <translation>Reproduzir (Espaço)</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Velocidade</translation>
    </message>
    <message>
        <source> units/s</source>
        <translation> unidades/s</translation>
    </message>
    <message>
        <source>Drag to go to any unit of the map</source>
        <translation>Arraste para ir a qualquer unidade do mapa</translation>
    </message>
</context>
<context>
    <name>Steps</name>
    <message>
        <source>{layer}[{index}] at row {row}, col {col}</source>
        <translation>{layer}[{index}] na linha {row}, coluna {col}</translation>
    </message>
    <message>
        <source>no activation → {value}</source>
        <translation>sem ativação → {value}</translation>
    </message>
    <message>
        <source>{activation}: {formula} at {pre} → {value}</source>
        <translation>{activation}: {formula} em {pre} → {value}</translation>
    </message>
    <message>
        <source>the network computed {value} (difference {difference})</source>
        <translation>a rede calculou {value} (diferença {difference})</translation>
    </message>
    <message>
        <source>{activation} → {value}</source>
        <translation>{activation} → {value}</translation>
    </message>
    <message>
        <source>no activation</source>
        <translation>sem ativação</translation>
    </message>
    <message>
        <source>+ bias {bias} = {pre}</source>
        <translation>+ bias {bias} = {pre}</translation>
    </message>
    <message>
        <source>sum of {count} product = {sum}</source>
        <translation>soma de {count} produto = {sum}</translation>
    </message>
    <message>
        <source>sum of {count} products = {sum}</source>
        <translation>soma dos {count} produtos = {sum}</translation>
    </message>
    <message>
        <source>input {height}×{width}×{channels}, {filters} filters of {rows}×{cols}, stride {stride}, padding {padding}</source>
        <translation>entrada {height}×{width}×{channels}, {filters} filtros de {rows}×{cols}, stride {stride}, padding {padding}</translation>
    </message>
    <message>
        <source>output height {formula}</source>
        <translation>altura da saída  {formula}</translation>
    </message>
    <message>
        <source>output width  {formula}</source>
        <translation>largura da saída {formula}</translation>
    </message>
    <message>
        <source>output {height}×{width}×{filters}</source>
        <translation>saída {height}×{width}×{filters}</translation>
    </message>
    <message>
        <source>parameters (F·F·C + 1)·K = {formula}</source>
        <translation>parâmetros (F·F·C + 1)·K = {formula}</translation>
    </message>
    <message>
        <source>patch ⊙ kernel: {count} products … sum = {sum}</source>
        <translation>região ⊙ kernel: {count} produtos … soma = {sum}</translation>
    </message>
    <message>
        <source>input rows {top}–{bottom}, cols {left}–{right} (pad = zero padding)</source>
        <translation>entrada: linhas {top}–{bottom}, colunas {left}–{right} (pad = padding, preenchimento com zeros)</translation>
    </message>
    <message>
        <source>input rows {top}–{bottom}, cols {left}–{right}</source>
        <translation>entrada: linhas {top}–{bottom}, colunas {left}–{right}</translation>
    </message>
    <message>
        <source>{title}: {rows}×{cols} kernel, stride {stride}, padding {padding}</source>
        <translation>{title}: kernel {rows}×{cols}, stride {stride}, padding {padding}</translation>
    </message>
    <message>
        <source>pad</source>
        <translation>pad</translation>
    </message>
    <message>
        <source>channel {channel}: patch</source>
        <translation>canal {channel}: região</translation>
    </message>
    <message>
        <source>kernel</source>
        <translation>kernel</translation>
    </message>
    <message>
        <source>patch ⊙ kernel</source>
        <translation>região ⊙ kernel</translation>
    </message>
    <message>
        <source>sum over {count} channels: {terms} = {total}</source>
        <translation>soma dos {count} canais: {terms} = {total}</translation>
    </message>
    <message>
        <source>max of {count} values = {value} at input row {row}, col {col}</source>
        <translation>máximo dos {count} valores = {value} na linha {row}, coluna {col} da entrada</translation>
    </message>
    <message>
        <source>mean of {count} values: {total}/{count} = {value}</source>
        <translation>média dos {count} valores: {total}/{count} = {value}</translation>
    </message>
    <message>
        <source>{title}: max pooling {rows}×{cols}, stride {stride}</source>
        <translation>{title}: max pooling {rows}×{cols}, stride {stride}</translation>
    </message>
    <message>
        <source>{title}: avg pooling {rows}×{cols}, stride {stride}</source>
        <translation>{title}: average pooling {rows}×{cols}, stride {stride}</translation>
    </message>
    <message>
        <source>window: input rows {top}–{bottom}, cols {left}–{right}</source>
        <translation>janela: linhas {top}–{bottom}, colunas {left}–{right} da entrada</translation>
    </message>
    <message>
        <source>[{value}]</source>
        <translation>[{value}]</translation>
    </message>
    <message>
        <source>max = {value} at input row {row}, col {col} (window row {window_row}, col {window_col})</source>
        <translation>máx = {value} na linha {row}, coluna {col} da entrada (linha {window_row}, coluna {window_col} da janela)</translation>
    </message>
    <message>
        <source>sum = {total}; mean = {total}/{count} = {value}</source>
        <translation>soma = {total}; média = {total}/{count} = {value}</translation>
    </message>
    <message>
        <source>{label}: {input} × {weight} = {product}</source>
        <translation>{label}: {input} × {weight} = {product}</translation>
    </message>
    <message>
        <source>inputs ⊙ weights: {count} products … sum = {sum}</source>
        <translation>entradas ⊙ pesos: {count} produtos … soma = {sum}</translation>
    </message>
    <message>
        <source>{title}: {count} inputs × weights</source>
        <translation>{title}: {count} entradas × pesos</translation>
    </message>
    <message>
        <source>largest positive contributions ({count}):</source>
        <translation>maiores contribuições positivas ({count}):</translation>
    </message>
    <message>
        <source>largest negative contributions ({count}):</source>
        <translation>maiores contribuições negativas ({count}):</translation>
    </message>
    <message>
        <source>{count} product is 0 (a 0 input or weight)</source>
        <translation>{count} produto é 0 (uma entrada ou um peso igual a 0)</translation>
    </message>
    <message>
        <source>{count} products are 0 (a 0 input or weight)</source>
        <translation>{count} produtos são 0 (uma entrada ou um peso igual a 0)</translation>
    </message>
    <message>
        <source>softmax of {count} logits</source>
        <translation>softmax de {count} logits</translation>
    </message>
    <message>
        <source>1. subtract the largest logit, {max}, from each (avoids overflow)</source>
        <translation>1. subtraia o maior logit, {max}, de cada um (evita estouro)</translation>
    </message>
    <message>
        <source>2. exp of each</source>
        <translation>2. exp de cada um</translation>
    </message>
    <message>
        <source>3. sum of the {count} exps = {sum}</source>
        <translation>3. soma das {count} exps = {sum}</translation>
    </message>
    <message>
        <source>4. divide each exp by that sum</source>
        <translation>4. divida cada exp por essa soma</translation>
    </message>
    <message>
        <source>{name}: {logit} − {max} = {shifted} → exp {exp} → /{sum} = {prob}{mark}</source>
        <translation>{name}: {logit} − {max} = {shifted} → exp {exp} → /{sum} = {prob}{mark}</translation>
    </message>
    <message>
        <source>the probabilities sum to {sum}</source>
        <translation>as probabilidades somam {sum}</translation>
    </message>
    <message>
        <source>cross-entropy for true class {name} (index {index}), logarithm base e (natural)</source>
        <translation>entropia cruzada para a classe verdadeira {name} (índice {index}), logaritmo na base e (natural)</translation>
    </message>
    <message>
        <source>cross-entropy for true class {name} (index {index}), logarithm base {base}</source>
        <translation>entropia cruzada para a classe verdadeira {name} (índice {index}), logaritmo na base {base}</translation>
    </message>
    <message>
        <source>loss = −{log}(p[{name}]) = −{log}({prob}) = {loss}</source>
        <translation>perda = −{log}(p[{name}]) = −{log}({prob}) = {loss}</translation>
    </message>
    <message>
        <source>(= natural-log loss {loss} / ln {base})</source>
        <translation>(= perda com logaritmo natural {loss} / ln {base})</translation>
    </message>
    <message>
        <source>no activation: the value</source>
        <translation>sem ativação: o valor</translation>
    </message>
    <message>
        <source>{activation}: {formula} →</source>
        <translation>{activation}: {formula} →</translation>
    </message>
    <message>
        <source>+ bias</source>
        <translation>+ bias</translation>
    </message>
    <message>
        <source>= before the activation</source>
        <translation>= antes da ativação</translation>
    </message>
    <message>
        <source>the network computed</source>
        <translation>a rede calculou</translation>
    </message>
    <message>
        <source>summary</source>
        <translation>resumo</translation>
    </message>
    <message>
        <source>input channel {channel} of {count}</source>
        <translation>canal de entrada {channel} de {count}</translation>
    </message>
    <message>
        <source>patch ({layer}[{channel}])</source>
        <translation>região ({layer}[{channel}])</translation>
    </message>
    <message>
        <source>kernel {layer}[{filter}, {channel}]</source>
        <translation>kernel {layer}[{filter}, {channel}]</translation>
    </message>
    <message>
        <source>products</source>
        <translation>produtos</translation>
    </message>
    <message>
        <source>Σ =</source>
        <translation>Σ =</translation>
    </message>
    <message>
        <source>Σ of the {count} product</source>
        <translation>Σ de {count} produto</translation>
    </message>
    <message>
        <source>Σ of the {count} products</source>
        <translation>Σ dos {count} produtos</translation>
    </message>
    <message>
        <source>Σ channel {channel}</source>
        <translation>Σ canal {channel}</translation>
    </message>
    <message>
        <source>total of the {count} channel sums</source>
        <translation>total das somas dos {count} canais</translation>
    </message>
    <message>
        <source>{rows}×{cols} window of {layer}[{channel}], stride {stride}</source>
        <translation>janela {rows}×{cols} sobre a {layer}[{channel}], stride {stride}</translation>
    </message>
    <message>
        <source>max pooling</source>
        <translation>max pooling</translation>
    </message>
    <message>
        <source>average pooling</source>
        <translation>average pooling</translation>
    </message>
    <message>
        <source>max of the {count} values →</source>
        <translation>máximo dos {count} valores →</translation>
    </message>
    <message>
        <source>Σ of the {count} values</source>
        <translation>Σ dos {count} valores</translation>
    </message>
    <message>
        <source>mean = Σ / {count} →</source>
        <translation>média = Σ / {count} →</translation>
    </message>
    <message>
        <source>the {top} largest |input × weight| of {count} (either sign)</source>
        <translation>os {top} maiores |entrada × peso| de {count} (qualquer sinal)</translation>
    </message>
    <message>
        <source>input</source>
        <translation>entrada</translation>
    </message>
    <message>
        <source>value</source>
        <translation>valor</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>peso</translation>
    </message>
    <message>
        <source>product</source>
        <translation>produto</translation>
    </message>
    <message>
        <source>Σ of the {count} largest</source>
        <translation>Σ dos {count} maiores</translation>
    </message>
    <message>
        <source>+ Σ of the other {count}</source>
        <translation>+ Σ dos outros {count}</translation>
    </message>
    <message>
        <source>= Σ of all {count} products</source>
        <translation>= Σ de todos os {count} produtos</translation>
    </message>
    <message>
        <source>{layer}[{unit}]</source>
        <translation>{layer}[{unit}]</translation>
    </message>
    <message>
        <source>true label</source>
        <translation>rótulo verdadeiro</translation>
    </message>
    <message>
        <source>guess</source>
        <translation>palpite</translation>
    </message>
    <message>
        <source>true label and guess</source>
        <translation>rótulo verdadeiro e palpite</translation>
    </message>
    <message>
        <source>softmax of {count} logits (max {max})</source>
        <translation>softmax de {count} logits (máx. {max})</translation>
    </message>
    <message>
        <source>class</source>
        <translation>classe</translation>
    </message>
    <message>
        <source>logit z</source>
        <translation>logit z</translation>
    </message>
    <message>
        <source>z − max</source>
        <translation>z − máx</translation>
    </message>
    <message>
        <source>exp(z − max)</source>
        <translation>exp(z − máx)</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>probabilidade</translation>
    </message>
    <message>
        <source>true label unknown: no cross-entropy</source>
        <translation>rótulo verdadeiro desconhecido: sem entropia cruzada</translation>
    </message>
    <message>
        <source>cross-entropy for true label {name}</source>
        <translation>entropia cruzada para o rótulo verdadeiro {name}</translation>
    </message>
    <message>
        <source>softmax and cross-entropy</source>
        <translation>softmax e entropia cruzada</translation>
    </message>
    <message>
        <source>0 pad</source>
        <translation>0 pad</translation>
    </message>
    <message>
        <source>step</source>
        <translation>etapa</translation>
    </message>
</context>
<context>
    <name>TrainingCurves</name>
    <message>
        <source>Loss: %1 training (per step) %2 held-out</source>
        <translation>Perda: %1 treino (por iteração) %2 avaliação</translation>
    </message>
    <message>
        <source>Held-out accuracy (%)</source>
        <translation>Acurácia na avaliação (%)</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>época</translation>
    </message>
</context>
<context>
    <name>TrainingDock</name>
    <message>
        <source>Training</source>
        <translation>Treinamento</translation>
    </message>
    <message>
        <source>&amp;Train a network…</source>
        <translation>&amp;Treinar uma rede…</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>Folder of IDX files (train-images, train-labels, t10k-…)</source>
        <translation>Pasta de arquivos IDX (train-images, train-labels, t10k-…)</translation>
    </message>
    <message>
        <source>Choose a folder of IDX files first.</source>
        <translation>Escolha primeiro uma pasta de arquivos IDX.</translation>
    </message>
    <message>
        <source>The dataset %1 is not installed on this computer.</source>
        <translation>O conjunto de dados %1 não está instalado neste computador.</translation>
    </message>
    <message>
        <source>Fully connected sizes are whole numbers such as %1 (found “%2”).</source>
        <translation>Os tamanhos das camadas totalmente conectadas são números inteiros, como %1 (encontrado “%2”).</translation>
    </message>
    <message>
        <source>Give 1 to 8 fully connected sizes from 1 to 4096, such as %1 (found “%2”).</source>
        <translation>Informe de 1 a 8 tamanhos de camadas totalmente conectadas, de 1 a 4096, como %1 (encontrado “%2”).</translation>
    </message>
    <message>
        <source>Start a new run?</source>
        <translation>Começar um novo treinamento?</translation>
    </message>
    <message>
        <source>The network trained last is not saved. Start a new run anyway?</source>
        <translation>A última rede treinada não foi salva. Começar um novo treinamento mesmo assim?</translation>
    </message>
    <message>
        <source>your network</source>
        <translation>sua rede</translation>
    </message>
    <message>
        <source>trained in the window</source>
        <translation>treinada na janela</translation>
    </message>
    <message>
        <source>Save the trained network</source>
        <translation>Salvar a rede treinada</translation>
    </message>
    <message>
        <source>Checkpoints (%1)</source>
        <translation>Checkpoints (%1)</translation>
    </message>
    <message>
        <source>%1, snapshot %2 of %3 (step %4)</source>
        <translation>%1, snapshot %2 de %3 (iteração %4)</translation>
    </message>
    <message>
        <source>No timeline: train a network, or open a checkpoint trained with snapshots.</source>
        <translation>Sem linha do tempo: treine uma rede ou abra um checkpoint treinado com snapshots.</translation>
    </message>
    <message>
        <source>snapshot %1 of %2 · step %3 · epoch %4</source>
        <translation>snapshot %1 de %2 · iteração %3 · época %4</translation>
    </message>
    <message>
        <source>held-out accuracy %1%</source>
        <translation>acurácia na avaliação %1%</translation>
    </message>
    <message>
        <source>live: the network being trained</source>
        <translation>ao vivo: a rede em treinamento</translation>
    </message>
    <message>
        <source>Starting the training process (loading torch and the data)…</source>
        <translation>Iniciando o processo de treinamento (carregando o torch e os dados)…</translation>
    </message>
    <message>
        <source>Step %1 of %2 · epoch %3 · %4 images/s · %5 left · on %6</source>
        <translation>Iteração %1 de %2 · época %3 · %4 imagens/s · faltam %5 · em %6</translation>
    </message>
    <message>
        <source>Step %1 of %2 · epoch %3 · on %4</source>
        <translation>Iteração %1 de %2 · época %3 · em %4</translation>
    </message>
    <message>
        <source>training loss %1</source>
        <translation>perda de treinamento %1</translation>
    </message>
    <message>
        <source>Paused.</source>
        <translation>Pausado.</translation>
    </message>
    <message>
        <source>Stopping after this step…</source>
        <translation>Parando depois desta iteração…</translation>
    </message>
    <message>
        <source>Another model is open: the run goes on without showing.</source>
        <translation>Outro modelo está aberto: o treinamento continua sem ser mostrado.</translation>
    </message>
    <message>
        <source>Trained in %1. Drag the slider to go back through training; Save keeps the network and its timeline.</source>
        <translation>Treinada em %1. Arraste o controle deslizante para voltar pelo treinamento; Salvar guarda a rede e a sua linha do tempo.</translation>
    </message>
    <message>
        <source>Stopped after %1; what was trained is kept (Save to keep it for good).</source>
        <translation>Parado depois de %1; o que foi treinado fica guardado (Salvar para guardá-lo de vez).</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>Salvo em %1</translation>
    </message>
    <message>
        <source>Choose the settings and press Start. The panels show the network as it learns.</source>
        <translation>Escolha as configurações e aperte Iniciar. Os painéis mostram a rede enquanto ela aprende.</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Parar</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Salvar…</translation>
    </message>
    <message>
        <source>Play the training from the first snapshot</source>
        <translation>Reproduzir o treinamento desde o primeiro snapshot</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Conjunto de dados</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>Ativação</translation>
    </message>
    <message>
        <source>Pooling</source>
        <translation>Pooling</translation>
    </message>
    <message>
        <source>Maps (conv1, conv2)</source>
        <translation>Mapas (conv1, conv2)</translation>
    </message>
    <message>
        <source>Kernel size</source>
        <translation>Tamanho do kernel</translation>
    </message>
    <message>
        <source>Fully connected sizes</source>
        <translation>Totalmente conectadas</translation>
    </message>
    <message>
        <source>Optimiser</source>
        <translation>Otimizador</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Taxa de aprendizado</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>Momentum</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Tamanho do lote</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Épocas</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>Decaimento dos pesos</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>Aumento de dados</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Semente</translation>
    </message>
    <message>
        <source>Snapshots</source>
        <translation>Snapshots</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Dispositivo</translation>
    </message>
    <message>
        <source>Fashion-MNIST</source>
        <translation>Fashion-MNIST</translation>
    </message>
    <message>
        <source>MNIST (4,000 shipped digits + 1,000 held out)</source>
        <translation>MNIST (4.000 dígitos incluídos + 1.000 de avaliação)</translation>
    </message>
    <message>
        <source>A folder of IDX files</source>
        <translation>Uma pasta de arquivos IDX</translation>
    </message>
    <message>
        <source>max pooling</source>
        <translation>max pooling</translation>
    </message>
    <message>
        <source>average pooling</source>
        <translation>average pooling</translation>
    </message>
    <message>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>SGD + momentum</source>
        <translation>SGD + momentum</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>automatic (GPU when there is one)</source>
        <translation>automático (GPU quando houver)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>GPU (CUDA)</source>
        <translation>GPU (CUDA)</translation>
    </message>
    <message>
        <source>random rotation, scale, shift, thickness</source>
        <translation>rotação, escala, deslocamento e espessura aleatórios</translation>
    </message>
    <message>
        <source>Hidden layer sizes, one per layer: %1</source>
        <translation>Tamanhos das camadas ocultas, um por camada: %1</translation>
    </message>
    <message>
        <source>How many snapshots of the weights the timeline keeps (dense early)</source>
        <translation>Quantos snapshots dos pesos a linha do tempo guarda (mais densos no começo)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Linha do tempo</translation>
    </message>
    <message>
        <source>Compare with the end…</source>
        <translation>Comparar com o final…</translation>
    </message>
    <message>
        <source>Open Compare: this snapshot beside the trained network</source>
        <translation>Abrir Comparar: este snapshot ao lado da rede treinada</translation>
    </message>
</context>
<context>
    <name>WhatIfFeatures</name>
    <message>
        <source>Switch all units back on</source>
        <translation>Religar todas as unidades</translation>
    </message>
    <message>
        <source>Edit weight %1</source>
        <translation>Editar o peso %1</translation>
    </message>
    <message>
        <source>Reset weights</source>
        <translation>Restaurar os pesos</translation>
    </message>
    <message>
        <source>Switch off filter %1 of %2</source>
        <translation>Desligar o filtro %1 de %2</translation>
    </message>
    <message>
        <source>Switch on filter %1 of %2</source>
        <translation>Religar o filtro %1 de %2</translation>
    </message>
    <message>
        <source>Switch off unit %1 of %2</source>
        <translation>Desligar a unidade %1 de %2</translation>
    </message>
    <message>
        <source>Switch on unit %1 of %2</source>
        <translation>Religar a unidade %1 de %2</translation>
    </message>
    <message>
        <source>off: %1</source>
        <translation>desligadas: %1</translation>
    </message>
    <message>
        <source>edited weights: %1</source>
        <translation>pesos editados: %1</translation>
    </message>
    <message>
        <source>digit moved</source>
        <translation>dígito movido</translation>
    </message>
    <message>
        <source>What if — %1</source>
        <translation>E se — %1</translation>
    </message>
    <message>
        <source>Move the digit</source>
        <translation>Mover o dígito</translation>
    </message>
    <message>
        <source>%1: %2 (was %3)</source>
        <translation>%1: %2 (era %3)</translation>
    </message>
    <message>
        <source>Switch all units back &amp;on</source>
        <translation>&amp;Religar todas as unidades</translation>
    </message>
    <message>
        <source>Reset edited &amp;weights</source>
        <translation>Restaurar os &amp;pesos editados</translation>
    </message>
</context>
<context>
    <name>WhyDock</name>
    <message>
        <source>Why this guess?</source>
        <translation>Por que este palpite?</translation>
    </message>
    <message>
        <source>&amp;Why this guess?</source>
        <translation>&amp;Por que este palpite?</translation>
    </message>
    <message>
        <source>Which pixels the first and second guess depend on, and what each filter looks for (Ctrl+Shift+W)</source>
        <translation>De quais pixels dependem o primeiro e o segundo palpite, e o que cada filtro procura (Ctrl+Shift+W)</translation>
    </message>
</context>
<context>
    <name>WhyPanel</name>
    <message>
        <source>Draw a digit: the maps follow the pen.</source>
        <translation>Desenhe um dígito: os mapas acompanham a caneta.</translation>
    </message>
    <message>
        <source>Occlusion is computed when the stroke ends…</source>
        <translation>A oclusão é calculada quando o traço termina…</translation>
    </message>
    <message>
        <source>These occlusion maps are of the previous drawing; they are computed again when the stroke ends.</source>
        <translation>Estes mapas de oclusão são do desenho anterior; eles são calculados de novo quando o traço termina.</translation>
    </message>
    <message>
        <source>Why %1 rather than %2</source>
        <translation>Por que %1 e não %2</translation>
    </message>
    <message>
        <source>p(%1) = %2, p(%3) = %4</source>
        <translation>p(%1) = %2, p(%3) = %4</translation>
    </message>
    <message>
        <source>Why %1</source>
        <translation>Por que %1</translation>
    </message>
    <message>
        <source>and why not %1</source>
        <translation>e por que não %1</translation>
    </message>
    <message>
        <source>p(%1) = %2</source>
        <translation>p(%1) = %2</translation>
    </message>
    <message>
        <source>Pick two different classes for the contrast.</source>
        <translation>Escolha duas classes diferentes para o contraste.</translation>
    </message>
    <message>
        <source>The contrast names one class twice for this drawing; showing the first and second guess instead.</source>
        <translation>Para este desenho o contraste nomeia a mesma classe duas vezes; mostrando o primeiro e o segundo palpite no lugar.</translation>
    </message>
    <message>
        <source>Saliency: |∂ score / ∂ pixel|, how much a tiny change of each pixel would move the score. It shows sensitivity, not whether a pixel helps or hurts, and it is noisy.</source>
        <translation>Saliência: |∂ pontuação / ∂ pixel|, quanto uma pequena mudança de cada pixel moveria a pontuação. Mostra sensibilidade, não se o pixel ajuda ou atrapalha, e é ruidosa.</translation>
    </message>
    <message>
        <source>Gradient × input: ∂ score / ∂ pixel × the pixel&apos;s normalised value; red raises the score, blue lowers it. A first-order estimate, measured from the normalised value 0 (the training digits&apos; average pixel, a faint grey), not from blank paper.</source>
        <translation>Gradiente × entrada: ∂ pontuação / ∂ pixel × o valor normalizado do pixel; vermelho aumenta a pontuação, azul a diminui. Uma estimativa de primeira ordem, medida a partir do valor normalizado 0 (o pixel médio dos dígitos de treino, um cinza bem claro), não do papel em branco.</translation>
    </message>
    <message>
        <source>Grad-CAM on %1: %1&apos;s maps weighted by the mean gradient of the score, ReLU, upsampled to the input. Coarse (%1&apos;s grid), and it shows only what speaks for the score, never against.</source>
        <translation>Grad-CAM na %1: os mapas de ativação da %1 ponderados pelo gradiente médio da pontuação, ReLU, ampliados para o tamanho da entrada. Grosseiro (a grade da %1), e mostra só o que pesa a favor da pontuação, nunca contra.</translation>
    </message>
    <message>
        <source>Occlusion: how much p drops when a 6×6 square of blank paper covers each place (stride 2); red: covering it lowers p. Computed when the stroke ends; one square size, and a covered stroke can make another class likelier.</source>
        <translation>Oclusão: quanto p cai quando um quadrado 6×6 de papel em branco cobre cada lugar (stride 2); vermelho: cobri-lo diminui p. Calculada quando o traço termina; um só tamanho de quadrado, e um traço coberto pode tornar outra classe mais provável.</translation>
    </message>
    <message>
        <source>Contrast: the score is logit a − logit b (for occlusion p_a − p_b), what makes it a rather than b.</source>
        <translation>Contraste: a pontuação é logit a − logit b (na oclusão p_a − p_b), o que faz ser a e não b.</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>Método:</translation>
    </message>
    <message>
        <source>Saliency</source>
        <translation>Saliência</translation>
    </message>
    <message>
        <source>Gradient × input</source>
        <translation>Gradiente × entrada</translation>
    </message>
    <message>
        <source>Occlusion</source>
        <translation>Oclusão</translation>
    </message>
    <message>
        <source>Grad-CAM (%1)</source>
        <translation>Grad-CAM (%1)</translation>
    </message>
    <message>
        <source>How the maps are computed</source>
        <translation>Como os mapas são calculados</translation>
    </message>
    <message>
        <source>Contrast:</source>
        <translation>Contraste:</translation>
    </message>
    <message>
        <source>Explain logit a − logit b: why a rather than b (and b rather than a)</source>
        <translation>Explicar logit a − logit b: por que a e não b (e b e não a)</translation>
    </message>
    <message>
        <source>first guess</source>
        <translation>primeiro palpite</translation>
    </message>
    <message>
        <source>second guess</source>
        <translation>segundo palpite</translation>
    </message>
</context>
</TS>
